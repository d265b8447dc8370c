package io.densekit.bench.rounds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleavedRoundsTest {
    /** A contender whose every call "takes" a fixed time: rounds report it without running anything. */
    private record Fixed(String name, long nanosPerCall, RoundPacer pacer, List<String> log) implements RoundContender {
        @Override
        public long round(int calls, boolean timed) {
            log.add(name + (timed ? " timed " : " warm ") + calls);
            return calls * nanosPerCall;
        }
    }

    @Test
    void warmsEachUpThenTakesTurnsRoundByRound() {
        List<String> log = new ArrayList<>();
        Fixed a = new Fixed("a", 1_000, new RoundPacer(1_000_000), log);
        Fixed b = new Fixed("b", 4_000, new RoundPacer(1_000_000), log);
        InterleavedRounds.run(List.of(a, b), 10_000_000L, 1_000_000L, 3);
        List<String> timed = log.stream().filter(l -> l.contains("timed")).toList();
        // Rounds of about 1 ms: 1000 calls of 1 us, 250 of 4 us, alternating.
        assertThat(timed).containsExactly("a timed 1000", "b timed 250", "a timed 1000", "b timed 250",
                "a timed 1000", "b timed 250");
        // The warm-up came first, and the first round of each was a single call.
        assertThat(log.indexOf("a timed 1000")).isGreaterThan(log.lastIndexOf("b warm 250"));
        assertThat(log).startsWith("a warm 1", "b warm 1");
    }

    @Test
    void aNegativeSettlingTimeOrNoRoundIsAnError() {
        Fixed a = new Fixed("a", 1_000, new RoundPacer(10), new ArrayList<>());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InterleavedRounds.run(List.of(a), 0, 1_000, 1, -1))
                .hasMessageContaining("a settling time >= 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InterleavedRounds.run(List.of(a), 0, 1_000, 0))
                .hasMessageContaining("a count >= 1");
    }

    @Test
    void aSteadyContenderIsWarmOnceTheWarmUpTimeHasPassedAndItHasMadeEnoughCalls() {
        RoundPacer p = new RoundPacer(10);
        assertThat(p.callsFor(1_000)).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            p.warmed(1_000_000, 2_500, false);
        }
        assertThat(p.warm(4_000_000)).as("10 000 calls in 4 ms, settled").isTrue();
        assertThat(p.warm(5_000_000)).as("the warm-up time has not passed").isFalse();
        // Capped at the contender's most calls per round.
        assertThat(p.callsFor(1_000_000_000)).isEqualTo(10);
    }

    @Test
    void aSettledSpeedOfFewShortCallsIsNotWarmYet() {
        RoundPacer p = new RoundPacer(1_000_000);
        for (int i = 0; i < 10; i++) {
            p.warmed(100_000_000, 200, false); // 0.5 ms calls, steady: once-per-call code may still be interpreted
        }
        assertThat(p.warm(150_000_000)).as("1 s, 2 000 calls").isFalse();
        for (int i = 0; i < 20; i++) {
            p.warmed(100_000_000, 200, false);
        }
        assertThat(p.warm(150_000_000)).as("3 s of warm-up: long enough whatever the calls").isTrue();
    }

    @Test
    void aRoundInWhichTheJitCompiledDoesNotCountAsSettled() {
        RoundPacer p = new RoundPacer(10_000);
        for (int i = 0; i < 4; i++) {
            p.warmed(2_000_000_000L, 10_000, true);
        }
        assertThat(p.warm(1_000_000_000L)).isFalse(); // 8 s, below ten times the warm-up
        assertThat(p.warm(100_000_000L)).isTrue(); // 8 s: past twice the 2 s bound, which ends any warm-up
    }
}
