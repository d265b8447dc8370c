package io.densekit.bench.jmh.simd;

import io.densekit.kernel.Activation;
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
 * Each activation through the SIMD kernel's element-wise and dense operations, one benchmark per
 * operation, so {@code -prof gc} shows what each allocates in steady state (the target is 0 B/op).
 * Shapes: a 784 -> 128 dense layer at batch 512; the activation ops run on its 512 x 128 output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SimdActivationOpBenchmark {
    @Param({"IDENTITY", "RELU", "SIGMOID", "TANH", "SOFTMAX", "LOG_SOFTMAX"})
    public Activation act;

    @Param({"F32", "F64"})
    public DType dtype;

    @Param({"2"})
    public int threads;

    private SimdKernel k;
    private HostTensor x;
    private HostTensor w;
    private HostTensor b;
    private HostTensor z;
    private HostTensor a;
    private HostTensor gradA;
    private HostTensor gradZ;
    private HostTensor gradW;
    private HostTensor gradB;
    private HostTensor gradX;

    @Setup(Level.Trial)
    public void setUp() {
        k = new SimdKernel(new SimdConfig(0, threads));
        OpFixture f = new OpFixture(dtype);
        x = f.uniform(-1, 1, 512, 784);
        w = f.uniform(-0.05, 0.05, 128, 784);
        b = f.uniform(-0.05, 0.05, 128);
        z = f.uniform(-3, 3, 512, 128);
        a = f.zeros(512, 128);
        k.activationForward(act, z, a);
        gradA = f.uniform(-1, 1, 512, 128);
        gradZ = f.zeros(512, 128);
        gradW = f.zeros(128, 784);
        gradB = f.zeros(128);
        gradX = f.zeros(512, 784);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public HostTensor activationForward() {
        k.activationForward(act, z, gradZ);
        return gradZ;
    }

    @Benchmark
    public HostTensor activationBackward() {
        k.activationBackward(act, a, gradA, gradZ);
        return gradZ;
    }

    /** act(X W^T + b) into a 512 x 128 scratch (the fixture's a stays as set up). */
    @Benchmark
    public HostTensor denseForward() {
        k.denseForward(x, w, b, act, gradZ);
        return gradZ;
    }

    /**
     * The backward pass of the layer; it turns its gradient input into dZ in place, so the input is
     * refreshed first (a copy, which allocates nothing).
     */
    @Benchmark
    public HostTensor denseBackward() {
        gradA.copyInto(gradZ);
        k.denseBackward(x, w, a, act, gradZ, gradW, gradB, gradX);
        return gradX;
    }
}
