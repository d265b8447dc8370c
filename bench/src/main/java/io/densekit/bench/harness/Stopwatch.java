package io.densekit.bench.harness;

/** Times an operation after warm-up, as a {@link TimingPlan} says. */
public final class Stopwatch {
    private Stopwatch() {
    }

    /**
     * Runs {@code op} until warm, then in batches sized from the last warm-up run so that each
     * batch takes about the plan's sample time. An operation slower than a sample gets at most
     * three samples of one run each, so that slow cases stay bounded.
     */
    public static Timing measure(Runnable op, TimingPlan plan) {
        long start = System.nanoTime();
        long last;
        int runs = 0;
        do {
            long t0 = System.nanoTime();
            op.run();
            last = Math.max(1, System.nanoTime() - t0);
            runs++;
        } while (runs < plan.minWarmupRuns() || System.nanoTime() - start < plan.warmupNanos());
        int reps = (int) Math.max(1, Math.min(1_000_000, plan.sampleNanos() / last));
        int samples = last > plan.sampleNanos() ? Math.min(plan.samples(), 3) : plan.samples();
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                op.run();
            }
            ms[i] = Math.max(1, System.nanoTime() - t0) / 1e6 / reps;
        }
        return new Timing(ms, reps);
    }
}
