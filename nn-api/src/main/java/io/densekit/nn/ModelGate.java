package io.densekit.nn;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Who may use a model right now: any number of inference calls at once ("readers"), or one
 * exclusive activity that changes the parameters (a fit, loading weights), and after close() no
 * one. One atomic word holds the closed and exclusive flags; inference calls are counted in
 * striped cells, each on its own cache line and picked by the calling thread, so that threads
 * predicting at once do not pass one counter's cache line back and forth on every call. A call
 * counts itself in and then reads the flags; an exclusive activity or close sets its flag and then
 * sums the cells. Both are sequentially consistent atomics, so of a call and an activity racing
 * at least one sees the other and backs off: never both run.
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
    /** Longs per reader cell: 64 bytes, one cache line. */
    private static final int PAD = 8;

    private final String what;
    /** The CLOSED and EXCLUSIVE flags. */
    private final AtomicLong state = new AtomicLong();
    /** Inference calls in flight, striped by thread: cell i at index i * PAD. */
    private final AtomicLongArray readers;
    private final int stripes;
    private final AtomicBoolean freed = new AtomicBoolean();
    private volatile Thread owner;
    private volatile String activity;
    private volatile Runnable free;

    /** @param what the model as messages name it */
    ModelGate(String what) {
        this.what = what;
        this.stripes = Math.max(1, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
        this.readers = new AtomicLongArray(stripes * PAD);
    }

    /** The calling thread's reader cell; the same for every call of one thread. */
    private int cell() {
        return ThreadSlots.of(stripes) * PAD;
    }

    /** Counts one inference call in; throws, naming {@code op}, if the model is closed or busy. */
    void enter(String op) {
        int cell = cell();
        readers.getAndIncrement(cell);
        long s = state.get();
        if ((s & CLOSED) != 0) {
            leave(cell);
            throw closed(op);
        }
        if ((s & EXCLUSIVE) != 0 && owner != Thread.currentThread()) {
            leave(cell);
            String a = activity;
            throw new IllegalStateException(op + ": " + what + " is " + (a == null ? "busy" : a)
                    + " on another thread; call " + op + " after that returns");
        }
    }

    /** Counts one inference call out; the last one out of a closed model frees it. */
    void exit() {
        leave(cell());
    }

    private void leave(int cell) {
        readers.getAndDecrement(cell);
        afterLeaving();
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
            if (state.compareAndSet(s, s | EXCLUSIVE)) {
                break;
            }
        }
        long calls = readers();
        if (calls != 0) {
            state.getAndUpdate(s -> s & ~EXCLUSIVE);
            afterLeaving();
            throw new IllegalStateException(op + ": " + what + " is serving " + calls + " inference call"
                    + (calls == 1 ? "" : "s") + " on other threads; " + op
                    + " only while no thread predicts or evaluates");
        }
        this.owner = Thread.currentThread();
        this.activity = activity;
    }

    /** Ends the exclusive activity; frees the model if it was closed meanwhile. */
    void endExclusive() {
        owner = null;
        activity = null;
        state.getAndUpdate(s -> s & ~EXCLUSIVE);
        afterLeaving();
    }

    /** True once close() began. */
    boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Inference calls in flight: the sum of the cells. */
    long readers() {
        long n = 0;
        for (int i = 0; i < readers.length(); i += PAD) {
            n += readers.get(i);
        }
        return n;
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
        while (busy() && owner != Thread.currentThread() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        afterLeaving();
    }

    /** An exclusive activity or an inference call is running. */
    private boolean busy() {
        return (state.get() & EXCLUSIVE) != 0 || readers() != 0;
    }

    /** Frees a closed model once nothing runs in it; at most once. */
    private void afterLeaving() {
        if ((state.get() & CLOSED) != 0 && !busy() && freed.compareAndSet(false, true)) {
            free.run();
        }
    }

    private IllegalStateException closed(String op) {
        return new IllegalStateException(op + ": " + what + " is closed");
    }
}
