package io.densekit.bench.rounds;

import io.densekit.bench.harness.Stopwatch;
import java.util.List;

/**
 * Times the contenders of one case in turns: warm-up rounds until each is warm (see
 * {@link RoundPacer#warm}), then {@code rounds} timed rounds A B A B ..., each of about
 * {@code roundNanos}, so that a slow spell of a shared machine touches every contender alike and
 * round i of one can be set against round i of another ({@link RoundRatio}).
 *
 * <p>Before each timed round the machine may be left idle for a settling time: libraries keep their
 * idle threads spinning for a while after a call (OpenBLAS for 2^28 cycles, about 0.1 s; OpenMP
 * runtimes for a shorter while), and a contender that ran right after one of them would lose cores
 * to those threads. The pause lets them go to sleep, so no contender pays for another's threads.
 */
public final class InterleavedRounds {
    private InterleavedRounds() {
    }

    public static void run(List<? extends RoundContender> contenders, long warmupNanos, long roundNanos, int rounds) {
        run(contenders, warmupNanos, roundNanos, rounds, 0);
    }

    /** As above, idle for {@code settleNanos} before each timed round. */
    public static void run(List<? extends RoundContender> contenders, long warmupNanos, long roundNanos, int rounds,
                           long settleNanos) {
        if (rounds < 1 || roundNanos <= 0 || warmupNanos < 0 || settleNanos < 0) {
            throw new IllegalArgumentException("rounds need a count >= 1, a positive round time, a warm-up >= 0"
                    + " and a settling time >= 0");
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
                settle(settleNanos);
                int calls = c.pacer().callsFor(roundNanos);
                c.pacer().timed(c.round(calls, true), calls);
            }
        }
    }

    private static void settle(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(java.time.Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted between rounds", e);
            }
        }
    }
}
