package io.densekit.bench.jmh;

import io.densekit.bench.infer.InferenceBench;
import io.densekit.bench.infer.InferenceCase;
import io.densekit.bench.infer.InferenceModel;
import io.densekit.bench.infer.InferencePeer;
import io.densekit.bench.infer.KernelPeer;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
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

    /** The case: kernel, dtype, model and batch; one model per trial, shared by the calling threads, as a service shares it. */
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

        Opened opened;

        @Setup(Level.Trial)
        public void setUp() {
            KernelRegistry registry = Kernels.registry();
            KernelRegistry.Info info = registry.list().stream().filter(i -> i.name().equals(kernel)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown kernel " + kernel));
            opened = Opened.of(new KernelPeer(registry, info), model, dtype, batch);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            opened.close();
        }
    }

    /** One calling thread's way into the shared model, and its input. */
    @State(Scope.Thread)
    public static class Caller {
        Opened.ThreadCall call;

        @Setup(Level.Trial)
        public void setUp(Case c) {
            call = c.opened.forThisThread();
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(Caller c) {
        c.call.run();
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(Caller c) {
        c.call.run();
    }

    /**
     * A peer's session on one case's seeded weights (the same on every contender), shared by the
     * calling threads; also used by {@link OnnxRuntimeInferenceBenchmark}.
     */
    static final class Opened implements AutoCloseable {
        private final AtomicInteger threads = new AtomicInteger();
        private final InferenceCase inferenceCase;
        private final Sequential source;
        private final InferencePeer.Session session;

        private Opened(InferenceCase inferenceCase, Sequential source, InferencePeer.Session session) {
            this.inferenceCase = inferenceCase;
            this.source = source;
            this.session = session;
        }

        static Opened of(InferencePeer peer, String model, String dtype, int batch) {
            String reason = peer.unavailableReason();
            if (reason != null) {
                throw new IllegalStateException(peer.name() + " is unavailable: " + reason);
            }
            InferenceCase c = new InferenceCase(InferenceModel.named(model), DType.parse(dtype), batch, 1);
            Sequential source = Sequential.of(c.model().spec(), new ReferenceKernel(), c.dtype(), 1);
            return new Opened(c, source, peer.open(c.model().spec(), source));
        }

        /** The calling thread's handle and its seeded input (inputs alternate between two seeds). */
        ThreadCall forThisThread() {
            return new ThreadCall(session.caller(), InferenceBench.input(inferenceCase, threads.getAndIncrement() % 2));
        }

        @Override
        public void close() {
            session.close();
            source.close();
        }

        /** One call of one thread: predict its batch. */
        record ThreadCall(InferencePeer.Caller caller, HostTensor x) {
            void run() {
                caller.predict(x);
            }
        }
    }

    static Work work(String method, Map<String, String> params) {
        return Work.samples(Integer.parseInt(params.get(BATCH)));
    }
}
