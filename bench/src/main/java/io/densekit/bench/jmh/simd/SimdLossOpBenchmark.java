package io.densekit.bench.jmh.simd;

import io.densekit.kernel.LossKind;
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
 * Each loss, its gradient and the accuracy count through the SIMD kernel on 512 x 10 predictions,
 * one benchmark per operation, so {@code -prof gc} shows what each allocates in steady state (the
 * target is 0 B/op). {@code target}: {@code dense} (one value per prediction) or {@code indices}
 * (one class index per row; cross-entropy and NLL only).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SimdLossOpBenchmark {
    private static final int ROWS = 512;
    private static final int CLASSES = 10;

    @Param({"MSE", "BCE", "CROSS_ENTROPY", "NLL"})
    public LossKind loss;

    @Param({"dense", "indices"})
    public String target;

    @Param({"F32", "F64"})
    public DType dtype;

    @Param({"2"})
    public int threads;

    private SimdKernel k;
    private HostTensor pred;
    private HostTensor y;
    private HostTensor grad;

    @Setup(Level.Trial)
    public void setUp() {
        boolean indices = target.equals("indices");
        if (indices && (loss == LossKind.MSE || loss == LossKind.BCE)) {
            throw new IllegalArgumentException(loss + " takes dense targets only; run it with -p target=dense");
        }
        k = new SimdKernel(new SimdConfig(0, threads));
        OpFixture f = new OpFixture(dtype);
        pred = switch (loss) {
            case BCE -> f.uniform(0.01, 0.99, ROWS, CLASSES);
            case NLL -> f.uniform(-5, 0, ROWS, CLASSES);
            default -> f.uniform(-3, 3, ROWS, CLASSES);
        };
        y = indices ? f.classIndices(ROWS, CLASSES)
                : loss == LossKind.BCE ? f.uniform(0, 1, ROWS, CLASSES) : f.distributions(ROWS, CLASSES);
        grad = f.zeros(ROWS, CLASSES);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public double loss() {
        return k.loss(loss, pred, y);
    }

    @Benchmark
    public HostTensor lossGradient() {
        k.lossGradient(loss, pred, y, grad);
        return grad;
    }

    @Benchmark
    public long countCorrect() {
        return k.countCorrect(pred, y);
    }
}
