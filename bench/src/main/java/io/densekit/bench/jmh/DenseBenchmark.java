package io.densekit.bench.jmh;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;
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
 * A dense layer 784 -> 128 at batch 512 with bias and activation, through the kernel's fused entry
 * points: {@code denseForward} ({@code a = act(x w^T + b)}) and {@code denseBackward} (activation
 * gradient, {@code dW = dZ^T x}, bias gradient, {@code dX = dZ w}).
 *
 * <p>Work counts the GEMMs only (forward 2 * 512 * 784 * 128 flops, backward twice that), so the
 * figure is comparable with {@link LayerGemmBenchmark}'s and the epilogue shows up as the gap.
 * {@code denseBackward} overwrites its incoming gradient with dL/dz, and repeating it would shrink
 * the values towards subnormals; so each backward call first restores the gradient with an
 * identity {@code activationForward} (a 512 x 128 copy in the kernel's memory, timed with it;
 * {@link ActivationBenchmark} with {@code activation=linear} measures such a copy alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class DenseBenchmark {
    static final int BATCH = 512;
    static final int IN = 784;
    static final int OUT = 128;

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"relu", "tanh", "softmax"})
    public String activation;

    private Kernel k;
    private Activation act;
    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor a;
    private Tensor upstream;
    private Tensor gradA;
    private Tensor gradW;
    private Tensor gradB;
    private Tensor gradX;

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernel.open(kernel);
        act = Activation.parse(activation);
        Operands o = new Operands(k, DType.parse(dtype), 3);
        double bound = 1 / Math.sqrt(IN);
        x = o.uniform(1, BATCH, IN);
        w = o.uniform(bound, OUT, IN);
        b = o.uniform(bound, OUT);
        upstream = o.uniform(1, BATCH, OUT);
        a = o.zeros(BATCH, OUT);
        gradA = o.zeros(BATCH, OUT);
        gradW = o.zeros(OUT, IN);
        gradB = o.zeros(OUT);
        gradX = o.zeros(BATCH, IN);
        // The backward pass reads the layer's output; make it a real one.
        k.denseForward(x, w, b, act, a);
        k.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {x, w, b, a, upstream, gradA, gradW, gradB, gradX}) {
            t.close();
        }
    }

    @Benchmark
    public void forward() {
        k.denseForward(x, w, b, act, a);
        k.synchronize();
    }

    @Benchmark
    public void backward() {
        k.activationForward(Activation.IDENTITY, upstream, gradA);
        k.denseBackward(x, w, a, act, gradA, gradW, gradB, gradX);
        k.synchronize();
    }

    static Work work(String method, Map<String, String> params) {
        double gemm = 2.0 * BATCH * IN * OUT;
        return Work.flops(method.equals("backward") ? 2 * gemm : gemm);
    }
}
