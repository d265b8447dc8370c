package io.densekit.bench.jmh;

import io.densekit.bench.infer.InferenceBench;
import io.densekit.bench.infer.InferenceCase;
import io.densekit.bench.infer.InferenceModel;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Predictions through the public API, as {@code densekit bench infer} times them:
 * {@code Sequential.predict} of a batch, on one calling thread ({@code oneThread}) and on two at once
 * ({@code twoThreads}). Models ({@link InferenceModel#STANDARD}): {@code mnist} 784,128:relu,64:relu,10
 * and {@code seed} 6,32:tanh,32:softmax,32:sigmoid,32:relu,3, with the same seeded weights on every
 * kernel. Sample time: JMH prints p50 and p99 per call beside the mean; the figure is rows/s per
 * calling thread = batch / time per call.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class InferenceBenchmark {
    static final String BATCH = "batch";

    /** The case: kernel, dtype, model and batch; one per trial, shared by the calling threads. */
    @State(Scope.Benchmark)
    public static class Case {
        @Param({"reference", "simd", "blas", "cuda"})
        public String kernel;

        @Param({"f32", "f64"})
        public String dtype;

        @Param({"mnist", "seed"})
        public String model;

        @Param({"1", "8", "64", "512"})
        public int batch;

        Kernel k;
        Map<String, HostTensor> weights;

        @Setup(Level.Trial)
        public void setUp() {
            k = BenchKernel.open(kernel);
            try (Sequential source = Sequential.of(InferenceModel.named(model).spec(), DType.parse(dtype),
                    new ReferenceKernel(), 1)) {
                weights = source.state().export();
            }
        }
    }

    /**
     * One calling thread's model and input.
     *
     * <p>TODO(integration): each thread builds its own model because {@code Sequential.predict} is not
     * yet safe from several threads; once the pooled, thread-safe predict lands, the threads should
     * share one model in {@link Case}.
     */
    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger THREADS = new AtomicInteger();
        Sequential model;
        HostTensor x;

        @Setup(Level.Trial)
        public void setUp(Case c) {
            InferenceCase ic = new InferenceCase(InferenceModel.named(c.model), DType.parse(c.dtype), c.batch, 1);
            model = Sequential.of(ic.model().spec(), ic.dtype(), c.k, 0);
            model.state().load(c.weights);
            x = InferenceBench.input(ic, THREADS.getAndIncrement() % 2);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    @Benchmark
    @Threads(1)
    public HostTensor oneThread(Caller c) {
        return c.model.predict(c.x);
    }

    @Benchmark
    @Threads(2)
    public HostTensor twoThreads(Caller c) {
        return c.model.predict(c.x);
    }

    static Work work(String method, Map<String, String> params) {
        return Work.samples(Integer.parseInt(params.get(BATCH)));
    }
}
