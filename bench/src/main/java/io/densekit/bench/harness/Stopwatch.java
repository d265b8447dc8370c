package io.densekit.bench.harness;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/** Times an operation after warm-up, as a {@link TimingPlan} says. */
public final class Stopwatch {
    /** Rounds in a row without a 5% gain, and without the JIT finishing a compilation, after which the operation counts as warm. */
    static final int STABLE_ROUNDS = 3;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private Stopwatch() {
    }

    /**
     * Warms {@code op} up (see {@link TimingPlan}), then times it in batches sized from the warm
     * time per run so that each batch takes about the plan's sample time. An operation slower than
     * a sample gets at most three samples of one run each, so that slow cases stay bounded.
     */
    public static Timing measure(Runnable op, TimingPlan plan) {
        return measure(op, plan, System::nanoTime, Stopwatch::compilationMillis);
    }

    /**
     * As above, with the clock ({@code nanoTime}) and the JIT's compilation time given, so that a test
     * can drive both and get the same decisions on any machine under any load.
     */
    static Timing measure(Runnable op, TimingPlan plan, LongSupplier clock, LongSupplier compilations) {
        double perRun = warmUp(op, plan, clock, compilations);
        int reps = (int) Math.max(1, Math.min(1_000_000, plan.sampleNanos() / perRun));
        int samples = perRun > plan.sampleNanos() ? Math.min(plan.samples(), 3) : plan.samples();
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            ms[i] = batch(op, reps, clock) / 1e6;
        }
        return new Timing(ms, reps);
    }

    /**
     * Runs rounds until warm; returns the last round's nanoseconds per run. A time per run that
     * holds still while the JIT is still compiling is a plateau before compiled code arrives, not
     * the warm speed, so rounds in which a compilation finished do not count as stable.
     */
    private static double warmUp(Runnable op, TimingPlan plan, LongSupplier clock, LongSupplier compilations) {
        long start = clock.getAsLong();
        double perRun = batch(op, 1, clock);
        double best = perRun;
        int runs = 1;
        int stable = 0;
        long compiled = compilations.getAsLong();
        while (true) {
            long elapsed = clock.getAsLong() - start;
            boolean warm = stable >= STABLE_ROUNDS && elapsed >= plan.warmupNanos() && runs >= plan.minWarmupRuns();
            if (warm || elapsed >= plan.maxWarmupNanos() && runs >= plan.minWarmupRuns()) {
                return perRun;
            }
            int reps = (int) Math.max(1, Math.min(1_000_000, plan.sampleNanos() / perRun));
            perRun = batch(op, reps, clock);
            runs += reps;
            long nowCompiled = compilations.getAsLong();
            if (perRun < 0.95 * best) {
                best = perRun;
                stable = 0;
            } else if (nowCompiled != compiled) {
                stable = 0;
            } else {
                stable++;
            }
            compiled = nowCompiled;
        }
    }

    /** Milliseconds the JIT has spent compiling so far; constant when the JVM cannot say. */
    public static long compilationMillis() {
        return JIT != null && JIT.isCompilationTimeMonitoringSupported() ? JIT.getTotalCompilationTime() : 0;
    }

    /** Nanoseconds per run over {@code reps} runs. */
    private static double batch(Runnable op, int reps, LongSupplier clock) {
        long t0 = clock.getAsLong();
        for (int r = 0; r < reps; r++) {
            op.run();
        }
        return Math.max(1, clock.getAsLong() - t0) / (double) reps;
    }
}
