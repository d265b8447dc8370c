package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void everyPartOfEveryTaskRunsExactlyOnce() {
        try (WorkerPool pool = new WorkerPool(3)) {
            SplittableRandom random = new SplittableRandom(5);
            for (int task = 0; task < 20_000; task++) {
                int parts = 2 + random.nextInt(7);
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                pool.run(parts, (part, ws) -> runs.incrementAndGet(part));
                for (int p = 0; p < parts; p++) {
                    assertThat(runs.get(p)).as("task %d part %d of %d", task, p, parts).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aPartsFailureReachesTheCallerAndThePoolStillWorks() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run(4, (part, ws) -> {
                if (part == 3) {
                    throw new ArithmeticException("part 3 failed");
                }
            })).isInstanceOf(ArithmeticException.class).hasMessage("part 3 failed");
            AtomicIntegerArray runs = new AtomicIntegerArray(4);
            pool.run(4, (part, ws) -> runs.incrementAndGet(part));
            assertThat(runs.toString()).isEqualTo("[1, 1, 1, 1]");
        }
    }

    @Test
    void aTaskOfMorePartsThanAClaimCanCountIsRefused() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.run(WorkerPool.MAX_PARTS + 1, (part, ws) -> { }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a parallel task has at most 65535 parts, got 65536");
        }
    }

    @Test
    void aClosedPoolStartsNewWorkersForItsNextTask() {
        WorkerPool pool = new WorkerPool(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        pool.run(2, (part, ws) -> runs.incrementAndGet(part));
        pool.close();
        pool.run(2, (part, ws) -> runs.incrementAndGet(part));
        pool.close();
        assertThat(runs.toString()).isEqualTo("[2, 2]");
    }
}
