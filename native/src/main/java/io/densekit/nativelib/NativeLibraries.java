package io.densekit.nativelib;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The native libraries densekit binds, found on first request and remembered. Nothing is searched
 * or loaded until a lookup method is called; constructing this class touches no native code.
 */
public final class NativeLibraries {
    private final LibrarySearch search;
    private final Map<String, LibraryLookupResult> found = new ConcurrentHashMap<>();

    public NativeLibraries(SearchEnvironment env) {
        this.search = new LibrarySearch(env);
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

    /** cuBLAS; see {@link LibrarySpec#CUBLAS}. */
    public LibraryLookupResult cublas() {
        return lookup(LibrarySpec.CUBLAS);
    }

    /** True once the named library has been searched for (for tests of laziness). */
    public boolean searched(LibrarySpec spec) {
        return found.containsKey(spec.name());
    }
}
