package io.densekit.nativelib;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the search a {@link LibrarySpec} describes, step by step (see {@link SearchStep}); within a
 * step the spec's file names are tried in order of preference, each in every folder of the step, so
 * libcublas.so.13 anywhere in the step's folders wins over libcublas.so.12.
 *
 * <p>An explicit path (property or environment variable) is final: when it is set and holds no usable
 * library the result is "not found" with that reason, never a silent fall-back to other places.
 *
 * <p>Never throws: every failure becomes part of the result's reason.
 */
public final class LibrarySearch {
    private final SearchEnvironment env;

    public LibrarySearch(SearchEnvironment env) {
        this.env = env;
    }

    public LibraryLookupResult find(LibrarySpec spec) {
        List<String> looked = new ArrayList<>();
        for (SearchStep step : spec.steps()) {
            Optional<LibraryLookupResult> r = switch (step) {
                case EXPLICIT -> explicit(spec, looked);
                case SYSTEM_LOADER -> systemLoader(spec, looked);
                default -> inFolders(spec, step, looked);
            };
            if (r.isPresent()) {
                return r.get();
            }
        }
        return LibraryLookupResult.missing(spec.name(), looked,
                spec.name() + " not found; looked in: " + String.join("; ", looked)
                        + " (set " + spec.property() + " or " + spec.envVar() + " to the library file or its folder)");
    }

    private Optional<LibraryLookupResult> explicit(LibrarySpec spec, List<String> looked) {
        String source = spec.property();
        String value = env.propertyValue(spec.property());
        if (value == null) {
            source = "$" + spec.envVar();
            value = env.envValue(spec.envVar());
        }
        if (value == null) {
            looked.add("explicit path (" + spec.property() + ", $" + spec.envVar() + ": unset)");
            return Optional.empty();
        }
        Path p = Path.of(value);
        String where = source + "=" + value;
        looked.add("explicit path " + where);
        int problemsFrom = looked.size();
        Optional<LibraryLookupResult> r = Optional.empty();
        if (Files.isDirectory(p)) {
            for (String name : spec.fileNames()) {
                r = r.or(() -> tryFile(spec, p.resolve(name), where, looked));
            }
            if (r.isEmpty() && looked.size() == problemsFrom) {
                looked.add("none of " + String.join(", ", spec.fileNames()) + " in that folder");
            }
        } else if (Files.exists(p)) {
            r = tryFile(spec, p, where, looked);
        } else {
            looked.add("no such file or folder");
        }
        if (r.isPresent()) {
            return r;
        }
        String problems = String.join("; ", looked.subList(problemsFrom, looked.size()));
        return Optional.of(LibraryLookupResult.missing(spec.name(), looked, spec.name()
                + " not found at the explicit path " + where + ": " + problems
                + "; fix or unset it to search the usual places"));
    }

    private Optional<LibraryLookupResult> systemLoader(LibrarySpec spec, List<String> looked) {
        looked.add("system loader path (LD_LIBRARY_PATH, ld.so cache, default folders) for "
                + String.join(", ", spec.fileNames()));
        for (String name : spec.fileNames()) {
            LoadedLibrary lib;
            try {
                lib = env.opener().openByName(name);
            } catch (RuntimeException e) {
                continue;
            }
            Optional<String> lacking = lacking(spec, lib);
            if (lacking.isPresent()) {
                lib.unload();
                looked.add(name + " (system loader): rejected, lacks " + lacking.get());
                continue;
            }
            Optional<Path> file = lib.symbols().find(spec.requiredSymbols().isEmpty() ? "" : spec.requiredSymbols().getFirst())
                    .flatMap(MappedFiles::fileContaining);
            String location = file.map(f -> f + " (system loader: " + name + ")").orElse(name + " (system loader)");
            return Optional.of(LibraryLookupResult.found(spec.name(), file, location, lib.symbols(), looked));
        }
        return Optional.empty();
    }

    private Optional<LibraryLookupResult> inFolders(LibrarySpec spec, SearchStep step, List<String> looked) {
        SearchLocations.Place place = SearchLocations.of(step, env);
        looked.add(place.describe());
        for (String name : spec.fileNames()) {
            for (Path folder : place.folders()) {
                Optional<LibraryLookupResult> r = tryFile(spec, folder.resolve(name), place.label(), looked);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<LibraryLookupResult> tryFile(LibrarySpec spec, Path file, String how, List<String> looked) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (!ElfHeader.plausible(file)) {
            // Text files such as linker scripts carry library names too; the JVM warns loudly when
            // asked to load one, so they are turned away before the loader sees them.
            looked.add(file + ": present but not a shared library (no ELF header)");
            return Optional.empty();
        }
        List<LoadedLibrary> companions = loadCompanions(spec, file.getParent());
        LoadedLibrary lib;
        try {
            lib = env.opener().open(file);
        } catch (RuntimeException e) {
            companions.forEach(LoadedLibrary::unload);
            looked.add(file + ": present but not loadable (" + e.getMessage() + ")");
            return Optional.empty();
        }
        Optional<String> lacking = lacking(spec, lib);
        if (lacking.isPresent()) {
            lib.unload();
            companions.forEach(LoadedLibrary::unload);
            looked.add(file + ": rejected, lacks " + lacking.get());
            return Optional.empty();
        }
        return Optional.of(LibraryLookupResult.found(spec.name(), Optional.of(file.toAbsolutePath()),
                file.toAbsolutePath() + " (" + how + ")", lib.symbols(), looked));
    }

    /** Loads the spec's companions found next to the library, so its own dependencies resolve. */
    private List<LoadedLibrary> loadCompanions(LibrarySpec spec, Path folder) {
        List<LoadedLibrary> loaded = new ArrayList<>();
        if (folder == null) {
            return loaded;
        }
        for (String name : spec.companions()) {
            Path c = folder.resolve(name);
            if (Files.isRegularFile(c)) {
                try {
                    loaded.add(env.opener().open(c));
                } catch (RuntimeException e) {
                    // The main library's own load attempt will report what is missing.
                }
            }
        }
        return loaded;
    }

    private static Optional<String> lacking(LibrarySpec spec, LoadedLibrary lib) {
        List<String> missing = spec.requiredSymbols().stream().filter(s -> lib.symbols().find(s).isEmpty()).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(missing.stream().collect(Collectors.joining(", ")));
    }
}
