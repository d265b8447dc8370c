package io.densekit.bench.harness;

/**
 * How to warm an operation up and how to sample it. Warm-up runs in rounds of about
 * {@code sampleNanos} until at least {@code warmupNanos} have passed and the time per run has
 * stopped improving (the JIT has compiled the hot code: Vector API code is hundreds of times slower
 * before that), or until {@code maxWarmupNanos}. Then the operation is timed in {@code samples}
 * batches of about {@code sampleNanos} each, so that timer resolution does not matter.
 */
public record TimingPlan(long warmupNanos, long maxWarmupNanos, int minWarmupRuns, long sampleNanos, int samples) {

    public TimingPlan {
        if (warmupNanos < 0 || maxWarmupNanos < warmupNanos || minWarmupRuns < 1 || sampleNanos <= 0 || samples < 1) {
            throw new IllegalArgumentException("timing plan needs 0 <= warm-up <= maximum warm-up, at least one"
                    + " warm-up run, a positive sample time and at least one sample");
        }
    }

    /** Well under a second per case once compiled: the quick mode. */
    public static TimingPlan quick() {
        return new TimingPlan(150_000_000L, 3_000_000_000L, 2, 30_000_000L, 7);
    }

    /** A few seconds per case: the full mode. */
    public static TimingPlan full() {
        return new TimingPlan(1_000_000_000L, 10_000_000_000L, 3, 200_000_000L, 10);
    }

    /** A few milliseconds per case, for tests: numbers without meaning, but the whole pipeline runs. */
    public static TimingPlan tiny() {
        return new TimingPlan(1_000_000L, 1_000_000L, 1, 1_000_000L, 3);
    }
}
