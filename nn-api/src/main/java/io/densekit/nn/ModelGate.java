package io.densekit.nn;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Who may use a model right now: any number of inference calls at once ("readers"), or one
 * exclusive activity that changes the parameters (a fit, loading weights), and after close() no
 * one. One atomic word holds the closed and exclusive flags and the reader count, so entering and
 * leaving an inference call is one compare-and-set each, without locks or allocation.
 *
 * <ul>
 *   <li>Inference while an exclusive activity runs is refused with an {@link IllegalStateException}
 *       naming it, except on the activity's own thread (a fit's listener may evaluate the model
 *       between steps); an exclusive activity while inference runs is refused too, never waited for.</li>
 *   <li>close() refuses every new call at once, then waits up to {@link #CLOSE_WAIT_SECONDS} seconds
 *       for the calls in flight (and a fit, which stops at its next batch) before freeing the model's
 *       memory. If they are not done by then, the last of them frees it as it leaves: memory is never
 *       freed under a running call.</li>
 * </ul>
 */
final class ModelGate {
    /** How long close() waits for calls in flight before leaving the freeing to the last of them. */
    static final long CLOSE_WAIT_SECONDS = 10;
    private static final long CLOSED = 1L << 62;
    private static final long EXCLUSIVE = 1L << 61;
    private static final long READERS = EXCLUSIVE - 1;

    private final String what;
    private final AtomicLong state = new AtomicLong();
    private final AtomicBoolean freed = new AtomicBoolean();
    private volatile Thread owner;
    private volatile String activity;
    private volatile Runnable free;

    /** @param what the model as messages name it */
    ModelGate(String what) {
        this.what = what;
    }

    /** Counts one inference call in; throws, naming {@code op}, if the model is closed or busy. */
    void enter(String op) {
        for (;;) {
            long s = state.get();
            if ((s & CLOSED) != 0) {
                throw closed(op);
            }
            if ((s & EXCLUSIVE) != 0 && owner != Thread.currentThread()) {
                String a = activity;
                throw new IllegalStateException(op + ": " + what + " is " + (a == null ? "busy" : a)
                        + " on another thread; call " + op + " after that returns");
            }
            if (state.compareAndSet(s, s + 1)) {
                return;
            }
        }
    }

    /** Counts one inference call out; the last one out of a closed model frees it. */
    void exit() {
        afterLeaving(state.decrementAndGet());
    }

    /**
     * Marks the start of an exclusive activity ({@code activity} reads "being trained"); throws if
     * the model is closed, busy with another one, or serving inference calls.
     */
    void beginExclusive(String op, String activity) {
        for (;;) {
            long s = state.get();
            if ((s & CLOSED) != 0) {
                throw closed(op);
            }
            if ((s & EXCLUSIVE) != 0) {
                String a = this.activity;
                throw new IllegalStateException(op + ": " + what + " is " + (a == null ? "busy" : a)
                        + " already; one " + op + " at a time");
            }
            long readers = s & READERS;
            if (readers != 0) {
                throw new IllegalStateException(op + ": " + what + " is serving " + readers + " inference call"
                        + (readers == 1 ? "" : "s") + " on other threads; " + op
                        + " only while no thread predicts or evaluates");
            }
            if (state.compareAndSet(s, s | EXCLUSIVE)) {
                this.owner = Thread.currentThread();
                this.activity = activity;
                return;
            }
        }
    }

    /** Ends the exclusive activity; frees the model if it was closed meanwhile. */
    void endExclusive() {
        owner = null;
        activity = null;
        afterLeaving(state.updateAndGet(s -> s & ~EXCLUSIVE));
    }

    /** True once close() began. */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Inference calls in flight (for tests). */
    long readers() {
        return state.get() & READERS;
    }

    /**
     * Refuses every new call, waits (bounded) for those in flight and runs {@code release} once no
     * call runs: here, or in the last call to leave. Closing twice is harmless.
     */
    void close(Runnable release) {
        this.free = release; // published before the flag: whoever sees the flag sees the release
        long before = state.getAndUpdate(s -> s | CLOSED);
        if ((before & CLOSED) != 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_WAIT_SECONDS);
        while (busy(state.get()) && owner != Thread.currentThread() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        afterLeaving(state.get());
    }

    private static boolean busy(long s) {
        return (s & (EXCLUSIVE | READERS)) != 0;
    }

    private void afterLeaving(long s) {
        if ((s & CLOSED) != 0 && !busy(s) && freed.compareAndSet(false, true)) {
            free.run();
        }
    }

    private IllegalStateException closed(String op) {
        return new IllegalStateException(op + ": " + what + " is closed");
    }
}
