package io.densekit.bench.rounds;

/** One contender of a case timed in {@link InterleavedRounds}: it runs a round of calls when its turn comes. */
public interface RoundContender {

    /** Its name in reports and errors, e.g. "simd" or "numpy". */
    String name();

    /** Its pace: calls per round and whether it is warm. */
    RoundPacer pacer();

    /**
     * Makes {@code calls} calls and returns the round's wall time in nanoseconds; {@code timed} is
     * false in the warm-up, whose rounds are not kept.
     */
    long round(int calls, boolean timed);
}
