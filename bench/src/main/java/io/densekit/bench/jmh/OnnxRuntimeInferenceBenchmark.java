package io.densekit.bench.jmh;

import io.densekit.bench.infer.OrtPeer;
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
import java.util.concurrent.TimeUnit;

/**
 * {@link InferenceBenchmark}'s cases on ONNX Runtime (Java, CPU), which runs the file
 * {@code Onnx.write} produced for the same seeded weights: the peer of the kernels' figures. A class
 * of its own because the kernel plan fills {@code kernel} parameters from the registry. JMH runs the
 * two classes one after the other; {@code densekit bench infer} interleaves them round by round.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OnnxRuntimeInferenceBenchmark {

    /** The case on ONNX Runtime: dtype, model and batch; one session per trial, shared by the calling threads. */
    @State(Scope.Benchmark)
    public static class OrtCase {
        @Param({"f32", "f64"})
        public String dtype;

        @Param({"mnist", "seed"})
        public String model;

        @Param({"1", "8", "64", "512"})
        public int batch;

        InferenceBenchmark.Opened opened;

        @Setup(Level.Trial)
        public void setUp() {
            opened = InferenceBenchmark.Opened.of(new OrtPeer(Runtime.getRuntime().availableProcessors()), model,
                    dtype, batch);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            opened.close();
        }
    }

    /** One calling thread's way into the shared session, and its input. */
    @State(Scope.Thread)
    public static class OrtCaller {
        InferenceBenchmark.Opened.ThreadCall call;

        @Setup(Level.Trial)
        public void setUp(OrtCase c) {
            call = c.opened.forThisThread();
        }
    }

    @Benchmark
    @Threads(1)
    public void oneThread(OrtCaller c) {
        c.call.run();
    }

    @Benchmark
    @Threads(2)
    public void twoThreads(OrtCaller c) {
        c.call.run();
    }
}
