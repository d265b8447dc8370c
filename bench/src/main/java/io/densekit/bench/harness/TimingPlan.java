package io.densekit.bench.harness;

/**
 * How long to warm an operation up and how to sample it: after {@code warmupNanos} (and at least
 * {@code minWarmupRuns} runs) the operation is timed in {@code samples} batches of about
 * {@code sampleNanos} each, so that timer resolution does not matter for fast operations.
 */
public record TimingPlan(long warmupNanos, int minWarmupRuns, long sampleNanos, int samples) {

    public TimingPlan {
        if (warmupNanos < 0 || minWarmupRuns < 1 || sampleNanos <= 0 || samples < 1) {
            throw new IllegalArgumentException("timing plan needs warm-up >= 0, at least one warm-up run,"
                    + " a positive sample time and at least one sample");
        }
    }

    /** About a third of a second per case: the quick mode. */
    public static TimingPlan quick() {
        return new TimingPlan(150_000_000L, 2, 40_000_000L, 5);
    }

    /** About three seconds per case: the full mode. */
    public static TimingPlan full() {
        return new TimingPlan(1_000_000_000L, 3, 200_000_000L, 10);
    }

    /** A few milliseconds per case, for tests: numbers without meaning, but the whole pipeline runs. */
    public static TimingPlan tiny() {
        return new TimingPlan(1_000_000L, 1, 1_000_000L, 3);
    }
}
