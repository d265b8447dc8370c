package io.densekit.bench.jmh;

import io.densekit.kernel.Kernel;
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
 * The three GEMMs of a dense layer 784 -> 128 at batch 512, in the layouts backpropagation uses
 * (numpy's equivalents in {@code bench/scripts/numpy_gemm.py}; each is 2 * 512 * 784 * 128 flops):
 * forward {@code X W^T} ([512,784] x [128,784]^T), weight gradient {@code dZ^T X} ([512,128]^T x
 * [512,784]) and input gradient {@code dZ W} ([512,128] x [128,784]).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpGemmBenchmark {
    static final int BATCH = 512;
    static final int IN = 784;
    static final int OUT = 128;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"simd"})
    public String kernel;

    @Param({"2"})
    public int threads;

    private Kernel k;
    private HostTensor x;
    private HostTensor w;
    private HostTensor dz;
    private HostTensor z;
    private HostTensor gw;
    private HostTensor gx;

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernels.create(kernel, threads);
        DType dt = DType.parse(dtype);
        x = GemmBenchmark.random(dt, BATCH, IN, 1);
        w = GemmBenchmark.random(dt, OUT, IN, 2);
        dz = GemmBenchmark.random(dt, BATCH, OUT, 3);
        z = HostTensor.zeros(dt, BATCH, OUT);
        gw = HostTensor.zeros(dt, OUT, IN);
        gx = HostTensor.zeros(dt, BATCH, IN);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public HostTensor forwardXWt() {
        k.gemm(false, true, 1.0, x, w, 0.0, z);
        return z;
    }

    @Benchmark
    public HostTensor weightGradDzTX() {
        k.gemm(true, false, 1.0, dz, x, 0.0, gw);
        return gw;
    }

    @Benchmark
    public HostTensor inputGradDzW() {
        k.gemm(false, false, 1.0, dz, w, 0.0, gx);
        return gx;
    }
}
