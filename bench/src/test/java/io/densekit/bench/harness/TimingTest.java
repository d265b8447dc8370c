package io.densekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The statistics, and the stopwatch's decisions on a clock the test drives: each operation
 * advances a fake clock by the time it "takes", so the outcome is the same on any machine under
 * any load, and the JIT's compilation time is given too.
 */
class TimingTest {

    /** A clock that moves only when an operation says it took time. */
    private static final class FakeClock implements LongSupplier {
        private long now;

        void advance(long nanos) {
            now += nanos;
        }

        @Override
        public long getAsLong() {
            return now;
        }
    }

    private static final LongSupplier NO_COMPILATION = () -> 0;

    @Test
    void medianMinMaxAndSpreadComeFromTheSamples() {
        Timing t = Timing.of(10, 4.0, 1.0, 3.0, 2.0, 10.0);
        assertThat(t.medianMs()).isEqualTo(3.0);
        assertThat(t.minMs()).isEqualTo(1.0);
        assertThat(t.maxMs()).isEqualTo(10.0);
        assertThat(t.spread()).isEqualTo(3.0);
        assertThat(Timing.of(1, 1.0, 2.0, 4.0, 3.0).medianMs()).isEqualTo(2.5);
    }

    @Test
    void rejectsNoSamplesAndNonPositiveTimes() {
        assertThatThrownBy(() -> Timing.of(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Timing.of(1, 1.0, 0.0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Timing.of(1, Double.NaN)).hasMessageContaining("positive");
    }

    @Test
    void stopwatchWarmsUpThenTimesTheSampleBatches() {
        FakeClock clock = new FakeClock();
        AtomicInteger runs = new AtomicInteger();
        Timing t = Stopwatch.measure(() -> {
            runs.incrementAndGet();
            clock.advance(1_000);
        }, new TimingPlan(0, 0, 5, 1_000_000, 4), clock, NO_COMPILATION);
        // 1 us per run: batches of 1 ms / 1 us runs; one warm-up run, one warm-up batch, 4 samples,
        // each the time per run.
        assertThat(t.runsPerSample()).isEqualTo(1_000);
        assertThat(t.samplesMs()).containsExactly(0.001, 0.001, 0.001, 0.001);
        assertThat(runs.get()).isEqualTo(1 + 1_000 + 4 * 1_000);
    }

    @Test
    void aSlowOperationGetsAtMostThreeSamplesOfOneRun() {
        FakeClock clock = new FakeClock();
        AtomicInteger runs = new AtomicInteger();
        Timing t = Stopwatch.measure(() -> {
            runs.incrementAndGet();
            clock.advance(3_000_000);
        }, new TimingPlan(0, 0, 1, 1_000_000, 10), clock, NO_COMPILATION);
        assertThat(t.runsPerSample()).isEqualTo(1);
        assertThat(t.samplesMs()).containsExactly(3.0, 3.0, 3.0);
        assertThat(runs.get()).isEqualTo(4);
    }

    @Test
    void warmUpGoesOnWhileTheOperationGetsFaster() {
        // Each of the first runs 20% faster than the one before (as code the JIT is compiling), then
        // 1 us: 23 runs take more than 50 us. Warm-up must get through all of them.
        FakeClock clock = new FakeClock();
        AtomicInteger runs = new AtomicInteger();
        Timing t = Stopwatch.measure(() -> {
            long nanos = (long) (8e6 * Math.pow(0.8, runs.getAndIncrement()));
            clock.advance(Math.max(nanos, 1_000));
        }, new TimingPlan(0, 5_000_000_000L, 1, 5_000_000, 3), clock, NO_COMPILATION);
        assertThat(runs.get()).isGreaterThan(23 + 3 * t.runsPerSample());
        assertThat(t.runsPerSample()).isGreaterThan(1);
        assertThat(t.samplesMs()).containsOnly(0.001);
    }

    @Test
    void roundsInWhichTheJitFinishedACompilationDoNotCountAsStable() {
        TimingPlan plan = new TimingPlan(0, 5_000_000_000L, 1, 5_000_000, 3);
        int rounds = 5_000; // runs per 5 ms round at 1 us per run
        // The JIT finishes a compilation in each of the first 9 warm-up rounds, then none.
        int[] calls = new int[1];
        LongSupplier compiling = () -> calls[0] < 10 ? ++calls[0] : calls[0];
        int whileCompiling = runsOfOneMicrosecondOperation(plan, compiling);
        int settled = runsOfOneMicrosecondOperation(plan, NO_COMPILATION);
        // Warm after 3 stable rounds: 1 run, then 3 rounds; with compilations, 9 more rounds first.
        assertThat(settled).isEqualTo(1 + 3 * rounds + 3 * rounds);
        assertThat(whileCompiling).isEqualTo(settled + 9 * rounds);
    }

    private static int runsOfOneMicrosecondOperation(TimingPlan plan, LongSupplier compilations) {
        FakeClock clock = new FakeClock();
        AtomicInteger runs = new AtomicInteger();
        Stopwatch.measure(() -> {
            runs.incrementAndGet();
            clock.advance(1_000);
        }, plan, clock, compilations);
        return runs.get();
    }
}
