package io.densekit.nativelib;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/**
 * An opened native library. The arena keeps it loaded; closing the arena unloads it, which the
 * search does for candidates it rejects. Accepted libraries stay loaded for the life of the JVM.
 */
public record LoadedLibrary(SymbolLookup symbols, Arena arena) {

    /** Unloads the library (for rejected candidates only). */
    void unload() {
        if (arena != null) {
            arena.close();
        }
    }
}
