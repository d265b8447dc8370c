package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The search's choice, scored on a fake clock over tiny products: nothing here is timed for real. */
class PlanSearchTest {
    private static final List<PlanSearch.Workload> TINY =
            List.of(new PlanSearch.Workload(3, 17, 5, false), new PlanSearch.Workload(9, 10, 7, true));
    private static final SimdConfig TWO = new SimdConfig(0, 2);

    /**
     * A clock on which every workload takes {@code slow} nanoseconds, except those of candidate
     * {@code fast}, which take {@code fastNanos}. The search reads the clock twice per workload, candidate
     * by candidate in order, round after round; the clock follows the same order.
     */
    private static LongSupplier clock(int candidates, int fast, long fastNanos, long slow) {
        return new LongSupplier() {
            private long now;
            private long reads;

            @Override
            public long getAsLong() {
                long read = reads++;
                if (read % 2 == 1) {
                    long candidate = read / 2 / TINY.size() % candidates;
                    now += candidate == fast ? fastNanos : slow;
                }
                return now;
            }
        };
    }

    @Test
    void theFastestCandidateIsChosen() {
        PlanSearch search = new PlanSearch(TWO, TINY, 3, System::nanoTime);
        List<GemmPlan> candidates = search.candidates();
        int fast = candidates.size() - 1;
        PlanSearch.Result r = new PlanSearch(TWO, TINY, 3, clock(candidates.size(), fast, 50, 100)).run();
        assertThat(r.failure()).isNull();
        assertThat(r.chosen()).isEqualTo(candidates.get(fast));
        assertThat(r.measured()).hasSize(candidates.size());
        assertThat(r.measured().get(fast).score()).isEqualTo(0.5);
        assertThat(r.measured().get(fast).nanos()).containsExactly(50, 50);
        assertThat(r.measured().getFirst().score()).isEqualTo(1.0);
        assertThat(r.measured()).allSatisfy(m -> assertThat(m.rejected()).isNull());
    }

    @Test
    void theBuiltInPlanIsTimedByTheSameClock() {
        int count = new PlanSearch(TWO, TINY, 2, System::nanoTime).candidates().size();
        PlanSearch.Result r = new PlanSearch(TWO, TINY, 2, clock(count, 0, 40, 100)).run();
        assertThat(r.chosen()).isEqualTo(GemmPlan.defaults());
        assertThat(r.measured().getFirst().nanos()).containsExactly(40, 40);
        assertThat(r.measured().get(1).score()).isEqualTo(2.5);
    }

    @Test
    void aGainWithinNoiseKeepsTheBuiltInPlan() {
        int count = new PlanSearch(TWO, TINY, 2, System::nanoTime).candidates().size();
        PlanSearch.Result r = new PlanSearch(TWO, TINY, 2, clock(count, 1, 90, 100)).run();
        assertThat(r.chosen()).isEqualTo(GemmPlan.defaults());
        assertThat(r.measured().get(1).score()).isEqualTo(0.9);
    }

    @Test
    void theBuiltInPlanComesFirstAndEveryCandidateIsDistinct() {
        List<GemmPlan> c = new PlanSearch(TWO, TINY, 1, System::nanoTime).candidates();
        assertThat(c.getFirst()).isEqualTo(GemmPlan.defaults());
        assertThat(c).doesNotHaveDuplicates().hasSizeGreaterThan(5);
        assertThat(c).extracting(GemmPlan::blockFrom).contains(GemmPlan.BLOCK_FROM, 128, 64, GemmPlan.ROW_GROUPS_ONLY);
        // One thread: the split threshold is not a knob.
        assertThat(new PlanSearch(new SimdConfig(0, 1), TINY, 1, System::nanoTime).candidates())
                .allSatisfy(p -> assertThat(p.parallelMinFmas()).isEqualTo(GemmSplit.PARALLEL_MIN_FMAS));
    }

    @Test
    void noCandidateRunsAnotherVectorWidth() {
        for (int bits : new int[] {0, 128}) {
            assertThat(new PlanSearch(new SimdConfig(bits, 1), TINY, 1, System::nanoTime).candidates())
                    .allSatisfy(p -> assertThat(p.gemmBits()).isZero());
        }
    }

    @Test
    void aFailingSearchFallsBackToTheBuiltInPlanWithTheReason() {
        LongSupplier broken = () -> {
            throw new IllegalStateException("clock broke");
        };
        PlanSearch.Result r = new PlanSearch(TWO, TINY, 1, broken).run();
        assertThat(r.chosen()).isEqualTo(GemmPlan.defaults());
        assertThat(r.failure()).contains("clock broke", "built-in plan stays").doesNotContain("\n");
    }

    @Test
    void aSearchNeedsWorkAndRounds() {
        assertThatThrownBy(() -> new PlanSearch(TWO, List.of(), 1, System::nanoTime))
                .hasMessageContaining("at least one workload and one round, got 0 workloads");
        assertThatThrownBy(() -> new PlanSearch(TWO, TINY, 0, System::nanoTime))
                .hasMessageContaining("got 2 workloads and 0 rounds");
    }

    /** Warm-up rounds run while the JIT's compilation time grows, and stop after the first round that compiled nothing. */
    @Test
    void warmingUpLastsUntilARoundCompilesNothing() {
        // Rounds 1 to 6 compile something, round 7 nothing: rounds 0 to 7 run.
        assertThat(warmUpRounds(reads -> Math.min(reads, 6))).isEqualTo(8);
        // Compiling from the start to the end: the cap.
        assertThat(warmUpRounds(reads -> reads)).isEqualTo(PlanSearch.MAX_WARM_UP_ROUNDS);
        // Nothing to compile (or no way to tell): the fixed minimum.
        assertThat(warmUpRounds(reads -> 0)).isEqualTo(PlanSearch.WARM_UP_ROUNDS);
    }

    /** How many untimed rounds a search runs when the compilation time is {@code compiled(reads so far)}. */
    private static int warmUpRounds(java.util.function.LongUnaryOperator compiled) {
        long[] reads = {0};
        LongSupplier compileMillis = () -> compiled.applyAsLong(reads[0]++);
        PlanSearch.Result r = new PlanSearch(TWO, TINY, 1, System::nanoTime, compileMillis).run();
        assertThat(r.failure()).isNull();
        // One read after each untimed round (the first of which checks the bits).
        return (int) reads[0];
    }
}
