package io.densekit.bench.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The environment the Python baselines run in, so that PyTorch runs at its best: Debian's torch
 * links the pthreads build of OpenBLAS, whose threads and torch's OpenMP threads then fight over
 * the cores (its timings turn bimodal). Where the OpenMP build of OpenBLAS is installed, its
 * folder goes first on {@code LD_LIBRARY_PATH}, so OpenBLAS and torch share one OpenMP pool.
 * The script reports which build it got beside each engine's version.
 */
final class BaselineEnvironment {
    /** Debian's OpenMP build of OpenBLAS ({@code libopenblas0-openmp}). */
    static final Path DEBIAN_OPENMP_OPENBLAS = Path.of("/usr/lib/x86_64-linux-gnu/openblas-openmp");

    private final Path openmpOpenBlas;

    BaselineEnvironment(Path openmpOpenBlas) {
        this.openmpOpenBlas = openmpOpenBlas;
    }

    /** Puts the OpenMP build first on {@code env}'s library path when it is installed; else leaves env alone. */
    void apply(Map<String, String> env) {
        if (!Files.isRegularFile(openmpOpenBlas.resolve("libopenblas.so.0"))) {
            return;
        }
        String before = env.get("LD_LIBRARY_PATH");
        env.put("LD_LIBRARY_PATH", before == null || before.isEmpty() ? openmpOpenBlas.toString()
                : openmpOpenBlas + ":" + before);
    }
}
