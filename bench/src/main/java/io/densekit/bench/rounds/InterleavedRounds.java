package io.densekit.bench.rounds;

import io.densekit.bench.harness.Stopwatch;
import java.util.List;

/**
 * Times the contenders of one case in turns: warm-up rounds until each is warm (see
 * {@link RoundPacer#warm}), then {@code rounds} timed rounds A B A B ..., each of about
 * {@code roundNanos}, so that a slow spell of a shared machine touches every contender alike and
 * round i of one can be set against round i of another ({@link RoundRatio}).
 */
public final class InterleavedRounds {
    private InterleavedRounds() {
    }

    public static void run(List<? extends RoundContender> contenders, long warmupNanos, long roundNanos, int rounds) {
        if (rounds < 1 || roundNanos <= 0 || warmupNanos < 0) {
            throw new IllegalArgumentException("rounds need a count >= 1, a positive round time and a warm-up >= 0");
        }
        boolean warming = true;
        while (warming) {
            warming = false;
            for (RoundContender c : contenders) {
                RoundPacer pace = c.pacer();
                if (!pace.warm(warmupNanos)) {
                    int calls = pace.callsFor(roundNanos);
                    long jit = Stopwatch.compilationMillis();
                    long wall = c.round(calls, false);
                    pace.warmed(wall, calls, Stopwatch.compilationMillis() != jit);
                    warming |= !pace.warm(warmupNanos);
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (RoundContender c : contenders) {
                int calls = c.pacer().callsFor(roundNanos);
                c.pacer().timed(c.round(calls, true), calls);
            }
        }
    }
}
