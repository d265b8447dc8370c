package io.densekit.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Skip;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonPeersTest {
    @Test
    void aMissingInterpreterIsASkipWithTheReason(@TempDir Path dir) {
        try (PythonPeers p = PythonPeers.start(dir.resolve("python"), PythonPeers.locateScript(), 2, true,
                true, NativeLibraries.system().bytedecoOpenBlas(), Optional.empty())) {
            assertThat(p.peers()).isEmpty();
            assertThat(p.skipped()).extracting(Skip::reason).containsExactly("no Python interpreter at " + dir.resolve("python"));
        }
    }

    @Test
    void thePreloadedOpenBlasGetsTheKernelsThreadCountBeforeItLoads() {
        assertThat(PythonProcess.threadVariables(1)).containsEntry("OPENBLAS_NUM_THREADS", "1")
                .containsEntry("OMP_NUM_THREADS", "1").containsEntry("MKL_NUM_THREADS", "1");
        try (PythonPeers p = startNumpy(1)) {
            assertThat(numpy(p).configuration()).endsWith(" 1 threads");
        }
    }

    @Test
    void numpyRunsOnBytedecosOpenBlasAndSaysSo() {
        try (PythonPeers p = startNumpy(2)) {
            Peer numpy = numpy(p);
            assertThat(numpy.configuration()).contains("OpenBLAS 0.3.31").contains("(core ").endsWith("2 threads");
            try (TimedCase c = numpy.prepare(GemmWorkload.square(16), DType.F32)) {
                assertThat(c.run(3)).isPositive();
            }
            assertThat(p.peers()).extracting(Peer::name).containsExactly("numpy"); // torch was not asked for
            assertThat(numpy.unsupported(io.densekit.bench.harness.StepWorkload.standard().getFirst(), DType.F32))
                    .isEqualTo("GEMM only");
        }
    }

    /**
     * A core type in the environment holds numpy's OpenBLAS to it; one the bench inherited is removed.
     * Prescott (SSE3): a core every x86-64 machine runs and one OpenBLAS detects on none that runs these tests.
     */
    @Test
    void anInheritedCoreTypeDoesNotReachNumpy() {
        assumeTrue(Files.isExecutable(PythonPeers.PYTHON), "no " + PythonPeers.PYTHON);
        LibraryLookupResult openBlas = NativeLibraries.system().bytedecoOpenBlas();
        assumeTrue(openBlas.found(), () -> "bytedeco's OpenBLAS unavailable: " + openBlas.reason());
        Map<String, String> forced = new HashMap<>(PythonPeers.numpyEnvironment(openBlas));
        forced.put(InheritedOpenBlasCore.VARIABLE, "Prescott");
        try (PythonProcess held = PythonProcess.start(PythonPeers.PYTHON, PythonPeers.locateScript(), "numpy", 1, forced)) {
            assertThat(held.engines().path("numpy").path("version").asText()).contains("(core Prescott");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        InheritedOpenBlasCore.in(forced).orElseThrow().removeFrom(forced);
        try (PythonProcess freed = PythonProcess.start(PythonPeers.PYTHON, PythonPeers.locateScript(), "numpy", 1, forced)) {
            assertThat(freed.engines().path("numpy").path("version").asText()).contains("(core ")
                    .doesNotContain("(core Prescott");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** numpy alone on bytedeco's OpenBLAS with {@code threads} threads; the test is skipped where either is missing. */
    private static PythonPeers startNumpy(int threads) {
        assumeTrue(Files.isExecutable(PythonPeers.PYTHON), "no " + PythonPeers.PYTHON);
        LibraryLookupResult openBlas = NativeLibraries.system().bytedecoOpenBlas();
        assumeTrue(openBlas.found(), () -> "bytedeco's OpenBLAS unavailable: " + openBlas.reason());
        return PythonPeers.start(PythonPeers.PYTHON, PythonPeers.locateScript(), threads, true, false, openBlas,
                Optional.empty());
    }

    private static Peer numpy(PythonPeers p) {
        Peer numpy = p.peers().stream().filter(x -> x.name().equals("numpy")).findFirst().orElse(null);
        assumeTrue(numpy != null, () -> "numpy unavailable: " + p.skipped());
        return numpy;
    }
}
