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
}
