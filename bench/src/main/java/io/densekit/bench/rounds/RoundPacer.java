package io.densekit.bench.rounds;

/**
 * How many calls a contender makes per round, and when its warm-up is over. Calls per round come
 * from the last round's speed; warm means the warm-up time has passed and the last rounds brought no
 * gain of 5% or more (the JIT has compiled the hot code: Vector API code is far slower before), or
 * ten times the warm-up time has passed in any case.
 */
public final class RoundPacer {
    /** Rounds in a row without a 5% gain after which the speed counts as settled. */
    static final int STABLE_ROUNDS = 3;
    private final long maxCallsPerRound;
    private long warmNanos;
    private double nanosPerCall = Double.NaN;
    private double bestNanosPerCall = Double.POSITIVE_INFINITY;
    private int stableRounds;

    /** {@code maxCallsPerRound} bounds a round of very fast calls (and what a contender keeps per call). */
    public RoundPacer(long maxCallsPerRound) {
        if (maxCallsPerRound < 1) {
            throw new IllegalArgumentException("a round needs at least one call, got " + maxCallsPerRound);
        }
        this.maxCallsPerRound = maxCallsPerRound;
    }

    /** Calls that take about {@code nanos}, from the last round's speed (1 before any round). */
    public int callsFor(long nanos) {
        if (Double.isNaN(nanosPerCall)) {
            return 1;
        }
        return (int) Math.max(1, Math.min(maxCallsPerRound, nanos / nanosPerCall));
    }

    public boolean warm(long warmupNanos) {
        return warmNanos >= warmupNanos && stableRounds >= STABLE_ROUNDS || warmNanos >= 10 * warmupNanos;
    }

    /**
     * A warm-up round: only its speed is kept, to size the next round and to see when it settles. A
     * round in which the JIT finished compiling something does not count as settled: the speed of
     * interpreted or partly compiled code can hold still for a while before compiled code arrives.
     */
    public void warmed(long wallNanos, int calls, boolean compiled) {
        warmNanos += wallNanos;
        nanosPerCall = (double) wallNanos / calls;
        if (nanosPerCall < 0.95 * bestNanosPerCall || compiled) {
            bestNanosPerCall = Math.min(bestNanosPerCall, nanosPerCall);
            stableRounds = 0;
        } else {
            stableRounds++;
        }
    }

    /** A timed round: its speed sizes the next one. */
    public void timed(long wallNanos, int calls) {
        nanosPerCall = (double) wallNanos / calls;
    }
}
