package io.densekit.nativelib;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native libraries densekit binds, found on first request and remembered. Nothing is searched
 * or loaded until a lookup method is called; constructing this class touches no native code.
 */
public final class NativeLibraries {
    private final LibrarySearch search;
    private final SearchEnvironment env;
    private final Map<String, LibraryLookupResult> found = new ConcurrentHashMap<>();

    public NativeLibraries(SearchEnvironment env) {
        this.search = new LibrarySearch(env);
        this.env = env;
    }

    private static final class SystemHolder {
        static final NativeLibraries INSTANCE = new NativeLibraries(SearchEnvironment.system());
    }

    /** The process-wide instance over the real environment and loader. */
    public static NativeLibraries system() {
        return SystemHolder.INSTANCE;
    }

    /** The library the spec describes; searched once, then cached. Never throws. */
    public LibraryLookupResult lookup(LibrarySpec spec) {
        return found.computeIfAbsent(spec.name(), n -> {
            try {
                return search.find(spec);
            } catch (RuntimeException | LinkageError e) {
                return LibraryLookupResult.missing(n, java.util.List.of(), n + " search failed: " + e);
            }
        });
    }

    /** A CBLAS library (OpenBLAS, MKL, ATLAS, BLIS); see {@link LibrarySpec#CBLAS}. */
    public LibraryLookupResult cblas() {
        return lookup(LibrarySpec.CBLAS);
    }

    /**
     * OpenBLAS from the {@code org.bytedeco:openblas} jar on the class path; see {@link BytedecoOpenBlas}.
     * The system's CBLAS is searched first: the dynamic loader answers a later request for
     * "libopenblas.so.0" by name with any library of that soname already loaded, so were bytedeco's
     * copy loaded first, the system search would bind it instead of the system's library.
     */
    public LibraryLookupResult bytedecoOpenBlas() {
        cblas();
        return found.computeIfAbsent(BytedecoOpenBlas.NAME, n -> {
            try {
                return new BytedecoOpenBlas(NativeLibraries.class.getClassLoader(), env).find();
            } catch (RuntimeException | LinkageError e) {
                return LibraryLookupResult.missing(n, java.util.List.of(), n + " failed to load: " + e);
            }
        });
    }

    /**
     * The CBLAS library the user chose for the blas kernel (see {@link BlasLibraryChoice}): the
     * searched one by default, bytedeco's OpenBLAS when asked for. An unknown choice is "not found"
     * with a line naming the valid ones.
     */
    public LibraryLookupResult chosenCblas() {
        String setting = BlasLibraryChoice.configured(env);
        if (setting == null) {
            return cblas();
        }
        String value = setting.substring(setting.indexOf('=') + 1);
        try {
            LibraryLookupResult r = switch (BlasLibraryChoice.parse(value)) {
                case SYSTEM -> cblas();
                case BYTEDECO -> bytedecoOpenBlas();
            };
            return r.found() ? r : LibraryLookupResult.missing(r.library(), r.lookedIn(), setting + ": " + r.reason());
        } catch (IllegalArgumentException e) {
            return LibraryLookupResult.missing("cblas", java.util.List.of(), setting + ": " + e.getMessage());
        }
    }

    /** cuBLAS; see {@link LibrarySpec#CUBLAS}. */
    public LibraryLookupResult cublas() {
        return lookup(LibrarySpec.CUBLAS);
    }

    /** True once the named library has been searched for (for tests of laziness). */
    public boolean searched(LibrarySpec spec) {
        return found.containsKey(spec.name());
    }
}
