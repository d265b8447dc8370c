package io.densekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TimingTest {

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
        AtomicInteger runs = new AtomicInteger();
        TimingPlan plan = new TimingPlan(0, 0, 5, 1_000_000, 4);
        Timing t = Stopwatch.measure(runs::incrementAndGet, plan);
        assertThat(t.samplesMs()).hasSize(4);
        assertThat(runs.get()).isGreaterThanOrEqualTo(5 + 4 * t.runsPerSample());
    }

    @Test
    void aSlowOperationGetsAtMostThreeSamplesOfOneRun() {
        AtomicInteger runs = new AtomicInteger();
        Timing t = Stopwatch.measure(() -> {
            runs.incrementAndGet();
            sleep(3);
        }, new TimingPlan(0, 0, 1, 1_000_000, 10));
        assertThat(t.runsPerSample()).isEqualTo(1);
        assertThat(t.samplesMs()).hasSize(3);
        assertThat(runs.get()).isEqualTo(4);
    }

    @Test
    void warmUpGoesOnWhileTheOperationGetsFaster() {
        // Each of the first runs 20% faster than the one before (as code the JIT is compiling), then
        // instant: 23 runs take more than 50 us. Warm-up must get through all of them.
        AtomicInteger runs = new AtomicInteger();
        Timing t = Stopwatch.measure(() -> {
            long nanos = (long) (8e6 * Math.pow(0.8, runs.getAndIncrement()));
            if (nanos > 50_000) {
                long end = System.nanoTime() + nanos;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }
        }, new TimingPlan(0, 5_000_000_000L, 1, 5_000_000, 3));
        assertThat(runs.get()).isGreaterThan(23 + 3 * t.runsPerSample());
        assertThat(t.runsPerSample()).isGreaterThan(1);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
