package io.densekit.nativelib;

import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a library search: where the library was found and its symbols, or why it was not.
 * A missing library is this value, never an exception; only {@link #symbols()} throws, for callers
 * that go on without checking.
 *
 * @param library  the spec's name
 * @param file     the library file when known (the system loader does not always say)
 * @param location how it was found, for listings ("/usr/lib/.../libopenblas.so.0 (system loader)")
 * @param lookup   its symbols; null when not found
 * @param lookedIn every place searched, in order, with what was wrong with rejected candidates
 * @param reason   empty when found, else "libcublas not found; looked in: ..."
 */
public record LibraryLookupResult(String library, Optional<Path> file, String location, SymbolLookup lookup,
                                  List<String> lookedIn, String reason) {

    public LibraryLookupResult {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(file, "file");
        lookedIn = List.copyOf(lookedIn);
    }

    static LibraryLookupResult found(String library, Optional<Path> file, String location, SymbolLookup lookup,
                                     List<String> lookedIn) {
        return new LibraryLookupResult(library, file, location, Objects.requireNonNull(lookup), lookedIn, "");
    }

    static LibraryLookupResult missing(String library, List<String> lookedIn, String why) {
        return new LibraryLookupResult(library, Optional.empty(), "", null, lookedIn, why);
    }

    public boolean found() {
        return lookup != null;
    }

    /** The library's symbols; throws {@link NativeLibraryException} with the reason when it was not found. */
    public SymbolLookup symbols() {
        if (lookup == null) {
            throw new NativeLibraryException(reason);
        }
        return lookup;
    }

    /** One line for listings: the location when found, the reason otherwise. */
    public String describe() {
        return found() ? library + ": " + location : reason;
    }
}
