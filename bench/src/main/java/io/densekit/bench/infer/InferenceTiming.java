package io.densekit.bench.infer;

/**
 * How each contender of a case is timed: warmed up for at least {@code warmupNanos} (in rounds, taking
 * turns with the others), then {@code rounds} rounds of about {@code roundNanos}, contenders taking
 * turns (A B A B ...), so that a slow spell of a shared machine hits all of them alike.
 */
public record InferenceTiming(long warmupNanos, long roundNanos, int rounds) {

    public InferenceTiming {
        if (warmupNanos < 0 || roundNanos <= 0 || rounds < 1) {
            throw new IllegalArgumentException("timing needs a warm-up >= 0, a positive round time and a round");
        }
    }

    /** About a second per contender and case. */
    public static InferenceTiming quick() {
        return new InferenceTiming(400_000_000L, 60_000_000L, 7);
    }

    /** A few seconds per contender and case. */
    public static InferenceTiming full() {
        return new InferenceTiming(2_000_000_000L, 200_000_000L, 11);
    }

    /** Milliseconds, for tests: the figures mean nothing. */
    public static InferenceTiming tiny() {
        return new InferenceTiming(1_000_000L, 1_000_000L, 3);
    }
}
