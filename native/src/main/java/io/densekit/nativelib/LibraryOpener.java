package io.densekit.nativelib;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;

/** Opens native libraries; the real one calls the dynamic loader, tests may substitute their own. */
public interface LibraryOpener {

    /** Opens the library file; throws {@link IllegalArgumentException} when it cannot be loaded. */
    LoadedLibrary open(Path file);

    /** Opens a library by file name through the system loader's search; throws when not found. */
    LoadedLibrary openByName(String fileName);

    /** The JDK's loader ({@link SymbolLookup#libraryLookup}), one shared arena per library. */
    @SuppressWarnings("restricted") // loading libraries is what this is for; the launcher enables native access
    static LibraryOpener dynamicLoader() {
        return new LibraryOpener() {
            @Override
            public LoadedLibrary open(Path file) {
                return load(arena -> SymbolLookup.libraryLookup(file, arena));
            }

            @Override
            public LoadedLibrary openByName(String fileName) {
                return load(arena -> SymbolLookup.libraryLookup(fileName, arena));
            }

            private LoadedLibrary load(java.util.function.Function<Arena, SymbolLookup> how) {
                Arena arena = Arena.ofShared();
                try {
                    return new LoadedLibrary(how.apply(arena), arena);
                } catch (RuntimeException e) {
                    arena.close();
                    throw e;
                }
            }
        };
    }
}
