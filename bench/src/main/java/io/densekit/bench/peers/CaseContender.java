package io.densekit.bench.peers;

import io.densekit.bench.harness.Timing;
import io.densekit.bench.rounds.RoundContender;
import io.densekit.bench.rounds.RoundPacer;
import java.util.ArrayList;
import java.util.List;

/** A kernel or a peer in the rounds of one case: the time per call of each timed round. */
final class CaseContender implements RoundContender {
    /** Bounds a round of very fast calls. */
    static final int MAX_CALLS_PER_ROUND = 1_000_000;
    private final String name;
    private final boolean external;
    private final TimedCase timedCase;
    private final RoundPacer pacer = new RoundPacer(MAX_CALLS_PER_ROUND);
    private final List<Double> nanosPerCall = new ArrayList<>();
    private final List<Integer> calls = new ArrayList<>();

    CaseContender(String name, boolean external, TimedCase timedCase) {
        this.name = name;
        this.external = external;
        this.timedCase = timedCase;
    }

    @Override
    public String name() {
        return name;
    }

    boolean external() {
        return external;
    }

    @Override
    public RoundPacer pacer() {
        return pacer;
    }

    @Override
    public long round(int count, boolean timed) {
        long wall = Math.max(1, timedCase.run(count));
        if (timed) {
            nanosPerCall.add((double) wall / count);
            calls.add(count);
        }
        return wall;
    }

    /** Calls per second of each timed round, in the order the rounds ran. */
    List<Double> roundRates() {
        return nanosPerCall.stream().map(t -> 1e9 / t).toList();
    }

    /** The rounds as a {@link Timing}: one sample per round, with the median round's call count. */
    Timing timing() {
        double[] ms = nanosPerCall.stream().mapToDouble(t -> t / 1e6).toArray();
        int[] sorted = calls.stream().mapToInt(Integer::intValue).sorted().toArray();
        return Timing.of(sorted[sorted.length / 2], ms);
    }

    void close() {
        timedCase.close();
    }
}
