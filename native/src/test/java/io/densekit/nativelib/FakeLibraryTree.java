package io.densekit.nativelib;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fake file-system root for library searches: "libraries" are symlinks to the real libm (every
 * Linux JVM has it mapped), named as the search expects, placed where a test wants them. Records
 * every open, so tests can check order and laziness.
 */
final class FakeLibraryTree {
    static final LibrarySpec SPEC = new LibrarySpec("libdkfake", List.of("libdkfake.so.2", "libdkfake.so.1"),
            List.of("cos"), List.of("libdkfakeLt.so.2"), "densekit.dkfake.path", "DENSEKIT_DKFAKE_PATH",
            List.of(SearchStep.EXPLICIT, SearchStep.SYSTEM_LOADER, SearchStep.CUDA_HOME, SearchStep.CUDA_INSTALLS,
                    SearchStep.PYTHON_NVIDIA_WHEELS, SearchStep.CONDA_LIB));

    final Path root;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    final Map<String, String> properties = new HashMap<>();
    /** File names the fake system loader "knows". */
    final Map<String, Path> systemLoaderNames = new HashMap<>();
    final List<String> opened = new ArrayList<>();
    private final Path realLibrary;

    FakeLibraryTree(Path tmp) {
        this.root = tmp.resolve("root");
        this.home = tmp.resolve("home");
        this.realLibrary = realLibm();
        try {
            Files.createDirectories(root);
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real libm this JVM has mapped; the test is skipped where there is none (not Linux). */
    static Path realLibm() {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "needs /proc/self/maps (Linux) to find a real library to copy");
        try {
            Optional<Path> libm = Files.readAllLines(maps).stream()
                    .map(l -> l.trim().split("\\s+", 6))
                    .filter(p -> p.length == 6 && p[5].matches(".*/libm\\.so\\.6$"))
                    .map(p -> Path.of(p[5])).findFirst();
            assumeTrue(libm.isPresent(), "no libm.so.6 mapped in this JVM");
            return libm.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places a working library named {@code fileName} in {@code folder} (created if needed). */
    Path put(Path folder, String fileName) {
        try {
            Files.createDirectories(folder);
            return Files.createSymbolicLink(folder.resolve(fileName), realLibrary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Places a file with the library's name that is not a library. */
    Path putGarbage(Path folder, String fileName) {
        try {
            Files.createDirectories(folder);
            return Files.writeString(folder.resolve(fileName), "not an ELF file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An absolute system folder ("/usr/local/cuda/lib64") inside the fake root. */
    Path sys(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    SearchEnvironment environment() {
        LibraryOpener real = LibraryOpener.dynamicLoader();
        LibraryOpener recording = new LibraryOpener() {
            @Override
            public LoadedLibrary open(Path file) {
                opened.add(file.toString());
                return real.open(file);
            }

            @Override
            public LoadedLibrary openByName(String fileName) {
                opened.add("system:" + fileName);
                Path p = systemLoaderNames.get(fileName);
                if (p == null) {
                    throw new IllegalArgumentException("Cannot open library: " + fileName);
                }
                return real.open(p);
            }
        };
        return new SearchEnvironment(env::get, properties::get, home, root, recording);
    }

    LibraryLookupResult find() {
        return new LibrarySearch(environment()).find(SPEC);
    }
}
