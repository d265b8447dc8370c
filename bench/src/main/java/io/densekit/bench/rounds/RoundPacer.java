package io.densekit.bench.rounds;

/**
 * How many calls a contender makes per round, and when its warm-up is over. Calls per round come
 * from the last round's speed. Warm means: the warm-up time has passed, the last rounds brought no
 * gain of 5% or more, and the contender has made {@value #MIN_WARM_CALLS} calls or warmed up for
 * a time bound (20 times the warm-up time, at most {@link #CALLS_BOUND_NANOS}); or ten times the
 * warm-up time, and at least twice that bound, has passed in any case.
 *
 * <p>Why the calls: code that runs once per call (a model's forward pass walking its layers, the
 * optimizer's loop over parameters) reaches C2 only after some thousands of invocations, while the
 * loops inside a call are compiled much sooner. Until then a short call (a training step of half a
 * millisecond) runs at a steady but interpreted-glue speed about twice as slow, which can hold still
 * for several rounds; a warm-up that stops there times the JIT, not the code. Long calls spend their
 * time in the loops, so for them the time bound ends the warm-up.
 */
public final class RoundPacer {
    /** Rounds in a row without a 5% gain after which the speed counts as settled. */
    static final int STABLE_ROUNDS = 3;
    /** Twice HotSpot's default C2 invocation threshold (5000): once-per-call code is compiled by then. */
    static final long MIN_WARM_CALLS = 10_000;
    /** The most warm-up time after which a contender of fewer calls counts as warm once settled: its calls are long. */
    static final long CALLS_BOUND_NANOS = 3_000_000_000L;
    private final long maxCallsPerRound;
    private long warmNanos;
    private long warmCalls;
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
        long callsBound = Math.min(CALLS_BOUND_NANOS, 20 * warmupNanos);
        boolean enoughCalls = warmCalls >= MIN_WARM_CALLS || warmNanos >= callsBound;
        return warmNanos >= warmupNanos && stableRounds >= STABLE_ROUNDS && enoughCalls
                || warmNanos >= Math.max(10 * warmupNanos, 2 * callsBound);
    }

    /**
     * A warm-up round: only its speed is kept, to size the next round and to see when it settles. A
     * round in which the JIT finished compiling something does not count as settled: the speed of
     * interpreted or partly compiled code can hold still for a while before compiled code arrives.
     */
    public void warmed(long wallNanos, int calls, boolean compiled) {
        warmNanos += wallNanos;
        warmCalls += calls;
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
