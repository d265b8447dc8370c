package io.densekit.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import io.densekit.bench.harness.Skip;
import io.densekit.nativelib.LibraryLookupResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python peers, each at its best: numpy in a process whose OpenBLAS is bytedeco's (preloaded, so
 * that numpy's {@code cblas_*} calls reach a release that knows the CPU) where that library is at
 * hand, and torch in a process whose OpenBLAS is Debian's OpenMP build, one thread pool with torch's
 * (see {@link BaselineEnvironment}). Both get the kernels' thread count. Anything missing (the
 * interpreter, the script, a module, a GPU) becomes a skipped engine with the reason.
 */
public final class PythonPeers implements AutoCloseable {
    /** Debian's interpreter, which has numpy and torch here; the {@code python3} on PATH may not. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private final List<PythonProcess> processes = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();
    private final List<Skip> skipped = new ArrayList<>();

    /**
     * Starts one process for numpy and one for torch, as asked. {@code openBlas}: bytedeco's OpenBLAS
     * (found or not) for numpy; when it is not found numpy runs on the BLAS it links, and says which.
     */
    public static PythonPeers start(Path python, Path script, int threads, boolean numpy, boolean torch,
                                    LibraryLookupResult openBlas, Optional<InheritedOpenBlasCore> inherited) {
        PythonPeers p = new PythonPeers();
        if (!Files.isExecutable(python)) {
            p.skipped.add(Skip.engine("numpy, torch", "no Python interpreter at " + python));
            return p;
        }
        if (!Files.isRegularFile(script)) {
            p.skipped.add(Skip.engine("numpy, torch", "baseline script " + script + " not found"));
            return p;
        }
        if (numpy) {
            Map<String, String> numpyEnv = numpyEnvironment(openBlas);
            inherited.ifPresent(c -> c.removeFrom(numpyEnv));
            p.launch(python, script, "numpy", threads, numpyEnv);
        }
        if (torch) {
            Map<String, String> torchEnv = new HashMap<>(System.getenv());
            new BaselineEnvironment(BaselineEnvironment.DEBIAN_OPENMP_OPENBLAS).apply(torchEnv);
            inherited.ifPresent(c -> c.removeFrom(torchEnv));
            p.launch(python, script, "torch", threads, torchEnv);
        }
        return p;
    }

    /** numpy's environment: bytedeco's OpenBLAS preloaded where found (its symbols then win over the linked BLAS). */
    static Map<String, String> numpyEnvironment(LibraryLookupResult openBlas) {
        Map<String, String> env = new HashMap<>();
        if (openBlas == null) {
            return env;
        }
        openBlas.file().filter(f -> openBlas.found()).ifPresent(f -> {
            String before = System.getenv("LD_PRELOAD");
            env.put("LD_PRELOAD", before == null || before.isBlank() ? f.toString() : f + ":" + before);
        });
        return env;
    }

    private void launch(Path python, Path script, String engine, int threads, Map<String, String> env) {
        try {
            PythonProcess process = PythonProcess.start(python, script, engine, threads, env);
            processes.add(process);
            for (Iterator<Map.Entry<String, JsonNode>> it = process.engines().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().path("available").asBoolean(false)) {
                    peers.add(new PythonPeer(process, e.getKey(), e.getValue().path("version").asText(""),
                            e.getKey().equals("numpy")));
                } else {
                    skipped.add(Skip.engine(e.getKey(), e.getValue().path("reason").asText("unavailable")));
                }
            }
        } catch (IOException | RuntimeException e) {
            skipped.add(Skip.engine(engine, "baseline script failed: " + e.getMessage()));
        }
    }

    /** The script next to the running code: bench/scripts/baselines.py, found from bench/target/... */
    public static Path locateScript() {
        try {
            Path here = Path.of(PythonPeers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                for (String relative : List.of("scripts/baselines.py", "bench/scripts/baselines.py")) {
                    if (Files.isRegularFile(p.resolve(relative))) {
                        return p.resolve(relative);
                    }
                }
            }
        } catch (Exception e) {
            // Unknown code location (e.g. a custom class loader): fall through to the working directory.
        }
        return Path.of("bench/scripts/baselines.py").toAbsolutePath();
    }

    /** The engines that started, in the order numpy, torch-cpu, torch-cuda. */
    public List<Peer> peers() {
        return List.copyOf(peers);
    }

    /** The engines that did not start, with the reason. */
    public List<Skip> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void close() {
        processes.forEach(PythonProcess::close);
    }
}
