package io.densekit.bench.jmh;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Workload;
import io.densekit.tensor.DType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square GEMM {@code C = A B} (n x n, beta 0), the case {@code densekit bench gemm} and
 * {@code bench/scripts/numpy_gemm.py} time too. Work: 2 n^3 flops. {@link BenchMain} runs the
 * reference kernel only up to {@code --reference-max-size} (1024 by default: n = 4096 takes minutes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SquareGemmBenchmark {
    /** The name of the size parameter, which {@link BenchMain} caps for the reference kernel. */
    static final String SIZE = "size";

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"64", "128", "256", "512", "1024", "2048", "4096"})
    public int size;

    private Workload.Prepared gemm;

    @Setup(Level.Trial)
    public void setUp() {
        gemm = GemmWorkload.square(size).prepare(BenchKernel.open(kernel), DType.parse(dtype));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    /** Includes the kernel's synchronisation, so a GPU's queued work is counted. */
    @Benchmark
    public void gemm() {
        gemm.run();
    }

    static Work work(String method, Map<String, String> params) {
        double n = Integer.parseInt(params.get(SIZE));
        return Work.flops(2 * n * n * n);
    }
}
