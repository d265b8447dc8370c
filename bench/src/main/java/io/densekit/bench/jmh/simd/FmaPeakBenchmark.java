package io.densekit.bench.jmh.simd;

import io.densekit.kernel.simd.FmaPeak;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's FMA ceiling at the preferred vector width ({@link FmaPeak}), on one thread and on
 * every processor at once (JMH's threads, each running the loop): the rate no GEMM here can pass,
 * which the GEMM figures in docs/benchmarks.md are quoted against. Throughput, summed over the
 * threads; the summary table gives GFLOP/s ({@link #flops}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FmaPeakBenchmark {
    /** FMA steps of each chain in one operation: about 2^16 x 12 FMAs, a few hundred microseconds. */
    public static final int STEPS = 1 << 16;

    /** A value JMH cannot see as constant, so the loop is not folded. */
    public float start32 = 0.5f;
    public double start64 = 0.5;

    @Benchmark
    @Threads(1)
    public float f32OneThread() {
        return FmaPeak.f32(STEPS, start32, 0.999f, 1e-3f);
    }

    @Benchmark
    @Threads(Threads.MAX)
    public float f32AllThreads() {
        return FmaPeak.f32(STEPS, start32, 0.999f, 1e-3f);
    }

    @Benchmark
    @Threads(1)
    public double f64OneThread() {
        return FmaPeak.f64(STEPS, start64, 0.999, 1e-3);
    }

    @Benchmark
    @Threads(Threads.MAX)
    public double f64AllThreads() {
        return FmaPeak.f64(STEPS, start64, 0.999, 1e-3);
    }

    /** Floating-point operations of one operation of {@code method}. */
    public static double flops(String method) {
        return FmaPeak.flops(STEPS, method.startsWith("f32") ? FmaPeak.f32Lanes() : FmaPeak.f64Lanes());
    }
}
