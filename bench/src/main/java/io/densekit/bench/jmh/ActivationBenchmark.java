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
 * Activations, forward and backward, out of place on a {@code rows x cols} matrix; softmax and
 * log-softmax work per row. The figure is GB/s of the least traffic the operation needs: forward
 * reads z and writes a (2 matrices), backward reads a and the incoming gradient and writes the
 * outgoing one (3 matrices). {@code linear} is a plain copy, the memory system's yardstick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ActivationBenchmark {
    static final String SHAPE = "shape";

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"linear", "relu", "sigmoid", "tanh", "softmax", "logsoftmax"})
    public String activation;

    /** rows x cols: an MLP layer's output at batch 512, and a matrix past the L2 cache. */
    @Param({"512x128", "1024x1024"})
    public String shape;

    private Kernel k;
    private Activation act;
    private Tensor z;
    private Tensor a;
    private Tensor gradA;
    private Tensor gradZ;

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernel.open(kernel);
        act = Activation.parse(activation);
        int[] rc = parseShape(shape);
        Operands o = new Operands(k, DType.parse(dtype), 4);
        z = o.uniform(3, rc[0], rc[1]);
        gradA = o.uniform(1, rc[0], rc[1]);
        a = o.zeros(rc[0], rc[1]);
        gradZ = o.zeros(rc[0], rc[1]);
        k.activationForward(act, z, a);
        k.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor t : new Tensor[] {z, a, gradA, gradZ}) {
            t.close();
        }
    }

    @Benchmark
    public void forward() {
        k.activationForward(act, z, a);
        k.synchronize();
    }

    @Benchmark
    public void backward() {
        k.activationBackward(act, a, gradA, gradZ);
        k.synchronize();
    }

    static int[] parseShape(String text) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0].trim());
                int cols = Integer.parseInt(parts[1].trim());
                if (rows > 0 && cols > 0) {
                    return new int[] {rows, cols};
                }
            }
        } catch (NumberFormatException e) {
            // reported below with what was expected
        }
        throw new IllegalArgumentException("shape must be ROWSxCOLS with positive sizes, e.g. 512x128; got '"
                + text + "'");
    }

    static Work work(String method, Map<String, String> params) {
        int[] rc = parseShape(params.get(SHAPE));
        double matrix = (double) rc[0] * rc[1] * DType.parse(params.get("dtype")).byteSize();
        return Work.bytes((method.equals("backward") ? 3 : 2) * matrix);
    }
}
