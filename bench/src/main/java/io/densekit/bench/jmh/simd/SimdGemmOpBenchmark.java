package io.densekit.bench.jmh.simd;

import io.densekit.kernel.simd.SimdConfig;
import io.densekit.kernel.simd.SimdKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
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
 * The SIMD kernel's three GEMMs of a dense layer 784 -> 128 at batch 512, one per benchmark, so
 * {@code -prof gc} shows what each allocates in steady state (the target is 0 B/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SimdGemmOpBenchmark {
    @Param({"F32", "F64"})
    public DType dtype;

    @Param({"2"})
    public int threads;

    private SimdKernel k;
    private HostTensor x;
    private HostTensor w;
    private HostTensor dz;
    private HostTensor z;
    private HostTensor dw;
    private HostTensor dx;

    @Setup(Level.Trial)
    public void setUp() {
        k = new SimdKernel(new SimdConfig(0, threads));
        OpFixture f = new OpFixture(dtype);
        x = f.uniform(-1, 1, 512, 784);
        w = f.uniform(-0.05, 0.05, 128, 784);
        dz = f.uniform(-1, 1, 512, 128);
        z = f.zeros(512, 128);
        dw = f.zeros(128, 784);
        dx = f.zeros(512, 784);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    /** X W^T. */
    @Benchmark
    public HostTensor forward() {
        k.gemm(false, true, 1, x, w, 0, z);
        return z;
    }

    /** dZ^T X, accumulated (beta = 1), as gradient accumulation over micro-batches does. */
    @Benchmark
    public HostTensor weightGrad() {
        k.gemm(true, false, 1, dz, x, 1, dw);
        return dw;
    }

    /** dZ W. */
    @Benchmark
    public HostTensor inputGrad() {
        k.gemm(false, false, 1, dz, w, 0, dx);
        return dx;
    }
}
