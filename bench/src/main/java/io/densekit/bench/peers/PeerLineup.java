package io.densekit.bench.peers;

import io.densekit.bench.harness.Skip;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peers one {@code densekit bench} run compares the kernels with, started as the user chose
 * them ({@link #NAMES}), each at its best configuration, with the kernels' thread count; those that
 * cannot run are skipped engines with the reason. Closing it ends the Python processes.
 */
public final class PeerLineup implements AutoCloseable {
    /** The peers a user can choose, in the order they run: OpenBLAS in the JVM, numpy, torch. */
    public static final List<String> NAMES = List.of("openblas", "numpy", "torch");
    private final List<Peer> peers = new ArrayList<>();
    private final List<Skip> skipped = new ArrayList<>();
    private PythonPeers python;
    private Optional<InheritedOpenBlasCore> inherited = Optional.empty();
    private boolean cleared;

    private PeerLineup() {
    }

    /** Starts the {@code wanted} peers (names of {@link #NAMES}); Python ones through {@code python}. */
    public static PeerLineup start(List<String> wanted, Path python, Path script, int threads) {
        return start(wanted, python, script, threads, InheritedOpenBlasCore.in(System.getenv()));
    }

    /**
     * As above, with the {@code OPENBLAS_CORETYPE} this process inherited, if any: it is cleared here
     * before bytedeco's OpenBLAS is loaded and left out of the Python peers' environments.
     */
    static PeerLineup start(List<String> wanted, Path python, Path script, int threads,
                            Optional<InheritedOpenBlasCore> inherited) {
        PeerLineup lineup = new PeerLineup();
        lineup.inherited = inherited.filter(c -> !wanted.isEmpty());
        lineup.cleared = lineup.inherited.map(InheritedOpenBlasCore::clearInThisProcess).orElse(false);
        boolean numpy = wanted.contains("numpy");
        boolean torch = wanted.contains("torch");
        LibraryLookupResult openBlas = wanted.contains("openblas") || numpy
                ? NativeLibraries.system().bytedecoOpenBlas() : null;
        if (wanted.contains("openblas")) {
            lineup.startOpenBlas(openBlas, threads);
        }
        if (numpy || torch) {
            lineup.python = PythonPeers.start(python, script, threads, numpy, torch, openBlas, lineup.inherited);
            lineup.peers.addAll(lineup.python.peers());
            lineup.skipped.addAll(lineup.python.skipped());
        }
        return lineup;
    }

    private void startOpenBlas(LibraryLookupResult openBlas, int threads) {
        if (!openBlas.found()) {
            skipped.add(Skip.engine("openblas", openBlas.reason()));
            return;
        }
        try {
            peers.add(OpenBlasPeer.bind(openBlas, threads));
        } catch (RuntimeException e) {
            skipped.add(Skip.engine("openblas", e.getMessage()));
        }
    }

    public List<Peer> peers() {
        return List.copyOf(peers);
    }

    public List<Skip> skipped() {
        return List.copyOf(skipped);
    }

    /** Each started peer's configuration, for the report's header. */
    public Map<String, String> configurations() {
        Map<String, String> c = new LinkedHashMap<>();
        String core = inherited.map(t -> "; " + t.describe(cleared)).orElse("");
        peers.forEach(p -> c.put(p.name(), p.configuration() + core));
        return c;
    }

    @Override
    public void close() {
        if (python != null) {
            python.close();
        }
    }
}
