package io.densekit.nativelib;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * OpenBLAS as bytedeco ships it on Maven Central ({@code org.bytedeco:openblas}, classifier
 * {@code linux-x86_64}): a jar that holds {@code libopenblas.so.0} and the GCC runtime it needs. When
 * that jar is on the class path, the libraries are copied once into the user's cache folder
 * ({@code $XDG_CACHE_HOME/densekit} or {@code ~/.cache/densekit}, one folder per jar version) and
 * {@code libopenblas.so.0} is opened from there; it finds its companions through its own
 * {@code $ORIGIN} run path. Nothing runs until {@link #find} is called; a missing jar or a failed copy
 * is a "not found" result with the reason, never an exception.
 */
public final class BytedecoOpenBlas {
    /** The library's name in results and messages. */
    public static final String NAME = "bytedeco openblas";
    static final String FOLDER = "org/bytedeco/openblas/linux-x86_64/";
    static final String LIBRARY = "libopenblas.so.0";
    /** The libraries the jar ships beside OpenBLAS, which it loads from its own folder. */
    static final List<String> COMPANIONS = List.of("libgfortran.so.5", "libquadmath.so.0", "libgcc_s.so.1");
    static final String POM_PROPERTIES = "META-INF/maven/org.bytedeco/openblas/pom.properties";
    /** Where to get it, for the reasons given when it is absent. */
    static final String HOW_TO_GET = "put org.bytedeco:openblas (classifier linux-x86_64) on the class path";

    private final ClassLoader loader;
    private final SearchEnvironment env;

    public BytedecoOpenBlas(ClassLoader loader, SearchEnvironment env) {
        this.loader = loader;
        this.env = env;
    }

    /** The jar's version (e.g. "0.3.31-1.5.13"), or null when the jar is not on the class path. */
    public String version() {
        if (loader.getResource(FOLDER + LIBRARY) == null) {
            return null;
        }
        try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "unknown version";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown version");
        } catch (IOException e) {
            return "unknown version";
        }
    }

    /** Copies the libraries into the cache folder (once per version) and opens OpenBLAS from there. */
    public LibraryLookupResult find() {
        List<String> looked = new ArrayList<>(List.of("class path resource " + FOLDER + LIBRARY));
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return LibraryLookupResult.missing(NAME, looked, NAME + ": the jar densekit reads is for linux-x86_64,"
                    + " this is " + os + " " + arch);
        }
        String version = version();
        if (version == null) {
            return LibraryLookupResult.missing(NAME, looked, NAME + " not found: no " + FOLDER + LIBRARY
                    + " on the class path (" + HOW_TO_GET + ")");
        }
        Path folder = cacheRoot().resolve("openblas-" + version.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Files.createDirectories(folder);
            for (String name : COMPANIONS) {
                copy(name, folder, false);
            }
            Path lib = copy(LIBRARY, folder, true);
            looked.add("copied to " + folder);
            LoadedLibrary loaded = env.opener().open(lib);
            return LibraryLookupResult.found(NAME, java.util.Optional.of(lib),
                    lib + " (org.bytedeco:openblas " + version + " from the class path)", loaded.symbols(), looked);
        } catch (IOException | RuntimeException e) {
            return LibraryLookupResult.missing(NAME, looked, NAME + " " + version + " could not be loaded from "
                    + folder + ": " + e.getMessage());
        }
    }

    /** {@code $XDG_CACHE_HOME/densekit}, else {@code ~/.cache/densekit}. */
    Path cacheRoot() {
        String xdg = env.envValue("XDG_CACHE_HOME");
        return (xdg != null ? Path.of(xdg) : env.home().resolve(".cache")).resolve("densekit");
    }

    /**
     * Copies one resource into {@code folder} unless a file of the same size is there already. The
     * copy goes to a temporary name first and is then moved into place, so that two processes
     * starting at once never load a half-written library.
     */
    private Path copy(String name, Path folder, boolean required) throws IOException {
        Path target = folder.resolve(name);
        var url = loader.getResource(FOLDER + name);
        if (url == null) {
            if (required) {
                throw new IOException("no " + FOLDER + name + " in the jar");
            }
            return target;
        }
        long size = url.openConnection().getContentLengthLong();
        if (Files.isRegularFile(target) && size >= 0 && Files.size(target) == size) {
            return target;
        }
        Path temp = Files.createTempFile(folder, name, ".part");
        try (InputStream in = url.openStream()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
