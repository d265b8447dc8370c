package io.densekit.bench.jmh;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;
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
 * Square GEMM {@code C = A B}, n x n, as {@code bench/scripts/numpy_gemm.py} times OpenBLAS.
 * GFLOP/s = 2 n^3 / (time per op). Run: {@code java --add-modules jdk.incubator.vector -cp
 * bench/target/densekit.jar org.openjdk.jmh.Main GemmBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"512", "1024", "2048"})
    public int n;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"simd"})
    public String kernel;

    @Param({"2"})
    public int threads;

    private Kernel k;
    private HostTensor a;
    private HostTensor b;
    private HostTensor c;

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernels.create(kernel, threads);
        DType dt = DType.parse(dtype);
        a = random(dt, n, n, 1);
        b = random(dt, n, n, 2);
        c = HostTensor.zeros(dt, n, n);
    }

    static HostTensor random(DType dt, int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor t = HostTensor.zeros(dt, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            t.setFlat(i, r.nextDouble() * 2 - 1);
        }
        return t;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public HostTensor gemm() {
        k.gemm(false, false, 1.0, a, b, 0.0, c);
        return c;
    }
}
