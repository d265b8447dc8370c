package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The admission rules of a model: many readers, or one exclusive activity, and a close that never frees under a call. */
class ModelGateTest {
    private final ModelGate gate = new ModelGate("the model");
    private final AtomicInteger frees = new AtomicInteger();

    /** Runs {@code r} on another thread and returns what it threw, or null. */
    private static Throwable onAnotherThread(Runnable r) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).as("the other thread still waits after 30 s (a deadlock)").isFalse();
        return thrown.get();
    }

    @Test
    void readersShareAndAnExclusiveActivityWaitsForNone() throws Exception {
        gate.enter("predict");
        gate.enter("predict");
        assertThat(gate.readers()).isEqualTo(2);
        assertThatThrownBy(() -> gate.beginExclusive("fit", "being trained")).isInstanceOf(IllegalStateException.class)
                .hasMessage("fit: the model is serving 2 inference calls on other threads; fit only while no thread"
                        + " predicts or evaluates");
        gate.exit();
        gate.exit();
        gate.beginExclusive("fit", "being trained");
        Throwable refused = onAnotherThread(() -> gate.enter("predict"));
        assertThat(refused).isInstanceOf(IllegalStateException.class)
                .hasMessage("predict: the model is being trained on another thread; call predict after that returns");
        assertThat(onAnotherThread(() -> gate.beginExclusive("load", "loading weights")))
                .hasMessage("load: the model is being trained already; one load at a time");
        gate.enter("evaluate"); // the training thread itself may evaluate between steps
        gate.exit();
        gate.endExclusive();
        assertThat(onAnotherThread(() -> {
            gate.enter("predict");
            gate.exit();
        })).isNull();
    }

    @Test
    void closeRefusesNewCallsAndFreesOnlyAfterTheLastCallInFlight() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            gate.enter("predict");
            entered.countDown();
            try {
                leave.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(frees.get()).as("freed under a running call").isZero();
            gate.exit();
        });
        entered.await();
        Thread closer = Thread.ofPlatform().start(() -> gate.close(frees::incrementAndGet));
        while (!gate.isClosed()) {
            Thread.onSpinWait();
        }
        assertThat(frees.get()).isZero();
        assertThatThrownBy(() -> gate.enter("predict")).hasMessage("predict: the model is closed");
        assertThatThrownBy(() -> gate.beginExclusive("fit", "being trained")).hasMessage("fit: the model is closed");
        leave.countDown();
        reader.join();
        closer.join();
        assertThat(frees.get()).isEqualTo(1);
        gate.close(frees::incrementAndGet);
        assertThat(frees.get()).as("a second close frees nothing again").isEqualTo(1);
    }

    @Test
    void aCloseDuringAnExclusiveActivityLeavesTheFreeingToItsEnd() throws Exception {
        gate.beginExclusive("fit", "being trained");
        gate.close(frees::incrementAndGet); // on the activity's own thread: no wait for itself
        assertThat(frees.get()).isZero();
        gate.endExclusive();
        assertThat(frees.get()).isEqualTo(1);
    }

    /**
     * Readers on many threads (their counts in different cells) race an exclusive activity and a
     * close: no reader ever runs while the activity does, and the release runs once, after the
     * last reader, whatever the interleaving.
     */
    @Test
    void readersOnManyThreadsNeverOverlapAnExclusiveActivityOrTheRelease() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean exclusiveRunning = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger activities = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 6; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        gate.enter("predict");
                    } catch (IllegalStateException refused) {
                        Thread.yield();
                        continue;
                    }
                    inside.incrementAndGet();
                    for (int spin = 0; spin < 100; spin++) { // a call takes a while: widen the window
                        if (exclusiveRunning.get() || frees.get() != 0) {
                            overlaps.incrementAndGet();
                        }
                    }
                    admitted.incrementAndGet();
                    inside.decrementAndGet();
                    gate.exit();
                    Thread.yield(); // leave the activity windows to get in
                }
            }));
        }
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5_000_000 && (activities.get() < 2_000 || admitted.get() < 20_000); i++) {
                Thread.yield(); // leave the readers windows to get in
                try {
                    gate.beginExclusive("fit", "being trained");
                } catch (IllegalStateException refused) {
                    continue;
                }
                exclusiveRunning.set(true);
                for (int spin = 0; spin < 100; spin++) {
                    if (inside.get() != 0) {
                        overlaps.incrementAndGet();
                    }
                }
                activities.incrementAndGet();
                exclusiveRunning.set(false);
                gate.endExclusive();
            }
        });
        writer.join();
        gate.close(() -> {
            if (inside.get() != 0) {
                overlaps.incrementAndGet();
            }
            frees.incrementAndGet();
        });
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(overlaps.get()).as("a reader ran beside the activity or after the release").isZero();
        assertThat(frees.get()).isEqualTo(1);
        assertThat(gate.readers()).isZero();
        assertThat(admitted.get()).as("readers got in").isPositive();
        assertThat(activities.get()).as("the activity got in").isPositive();
    }
}
