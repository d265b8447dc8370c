package io.densekit.bench.jmh.simd;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
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
 * The optimizer updates and the bias helpers of the SIMD kernel on a 128 x 784 weight matrix (and a
 * 512 x 128 activation for the bias helpers), one benchmark per operation, so {@code -prof gc} shows
 * what each allocates in steady state (the target is 0 B/op). Tiny learning rates keep the values
 * finite however many times an update runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SimdUpdateOpBenchmark {
    @Param({"F32", "F64"})
    public DType dtype;

    @Param({"2"})
    public int threads;

    private final SgdParams plain = SgdParams.plain(1e-9);
    private final SgdParams nesterov = new SgdParams(1e-9, 0.9, 0, true, 1e-4);
    private final AdamParams adam = AdamParams.defaults(1e-9);
    private SimdKernel k;
    private HostTensor param;
    private HostTensor grad;
    private HostTensor buf;
    private HostTensor m;
    private HostTensor v;
    private HostTensor bias;
    private HostTensor z;
    private long step;

    @Setup(Level.Trial)
    public void setUp() {
        k = new SimdKernel(new SimdConfig(0, threads));
        OpFixture f = new OpFixture(dtype);
        param = f.uniform(-0.05, 0.05, 128, 784);
        grad = f.uniform(-1, 1, 128, 784);
        buf = f.zeros(128, 784);
        m = f.zeros(128, 784);
        v = f.zeros(128, 784);
        bias = f.uniform(-0.05, 0.05, 128);
        z = f.uniform(-1, 1, 512, 128);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public HostTensor sgd() {
        k.sgdUpdate(param, grad, null, plain, false);
        return param;
    }

    /** Momentum, Nesterov and weight decay: every branch of the update. */
    @Benchmark
    public HostTensor sgdNesterov() {
        k.sgdUpdate(param, grad, buf, nesterov, false);
        return param;
    }

    @Benchmark
    public HostTensor adam() {
        k.adamUpdate(param, grad, m, v, adam, ++step);
        return param;
    }

    @Benchmark
    public HostTensor addRowVector() {
        k.addRowVector(bias, z);
        return z;
    }

    @Benchmark
    public HostTensor columnSums() {
        k.columnSums(z, bias);
        return bias;
    }
}
