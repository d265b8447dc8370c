package io.densekit.bench.jmh;

import io.densekit.bench.harness.StepWorkload;
import io.densekit.bench.harness.Workload;
import io.densekit.tensor.DType;
import java.util.List;
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
 * One training step through the public model API, as a user's loop runs it and as
 * {@code densekit bench step} times it: {@code Sequential.forward}, {@code kernel.loss} (read every
 * step), {@code kernel.lossGradient}, {@code Sequential.backward}, an SGD step (lr 0.01), with the
 * batch already in the kernel's memory. Models ({@link StepWorkload#standard()}):
 * <ul>
 *   <li>{@code seed_b333}: 6,32:tanh,32:softmax,32:sigmoid,32:relu,3, MSE, batch 333;</li>
 *   <li>{@code mnist_b64}, {@code mnist_b512}: 784,128:relu,64:relu,10, cross-entropy, batch 64 / 512;</li>
 *   <li>{@code wide_b256}: 1024,1024:relu,1024:relu,10, cross-entropy, batch 256.</li>
 * </ul>
 * The figure is samples/s = batch / time per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TrainingStepBenchmark {
    static final String MODEL = "model";

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"seed_b333", "mnist_b64", "mnist_b512", "wide_b256"})
    public String model;

    private Workload.Prepared step;

    @Setup(Level.Trial)
    public void setUp() {
        step = workload(model).prepare(BenchKernel.open(kernel), DType.parse(dtype));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        step.close();
    }

    @Benchmark
    public void step() {
        step.run();
    }

    /** The standard workload named {@code <name>_b<batch>}. */
    static StepWorkload workload(String id) {
        List<StepWorkload> all = StepWorkload.standard();
        return all.stream().filter(w -> id(w).equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + id + "'; expected one of "
                        + String.join(", ", all.stream().map(TrainingStepBenchmark::id).toList())));
    }

    static String id(StepWorkload w) {
        return w.name() + "_b" + w.batch();
    }

    static Work work(String method, Map<String, String> params) {
        return Work.samples(workload(params.get(MODEL)).batch());
    }
}
