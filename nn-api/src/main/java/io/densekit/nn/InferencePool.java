package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A model's idle {@link InferenceBuffers}, lock-free: a call takes a set for its row count (or
 * makes one) and gives it back when done, so steady-state calls allocate no kernel memory, and
 * calls on other threads never share a buffer. At most {@link #capacity()} sets, and beyond the
 * first at most a budget of bytes ({@link #IDLE_BYTES} by default), wait idle; a set given back to a full pool is freed, so
 * the pool grows neither with the number of callers nor with the row counts seen (a GPU's memory
 * is not held for a burst of large calls). Lookups scan a small array (no boxed keys, nothing allocated).
 */
final class InferencePool implements AutoCloseable {
    /** Kernel memory the idle sets may hold together, beyond a first set of any size. */
    static final long IDLE_BYTES = 256L << 20;
    private final Kernel kernel;
    private final DType dtype;
    private final int inputWidth;
    private final List<Layer> layers;
    private final AtomicReferenceArray<InferenceBuffers> idle;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong idleBytes = new AtomicLong();
    private final long idleBudget;

    /** Idle sets kept: two per core (a call in flight and another row count waiting), at least 8, at most 64. */
    static int defaultCapacity() {
        return Math.max(8, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
    }

    InferencePool(Kernel kernel, DType dtype, int inputWidth, List<Layer> layers, int capacity, long idleBudget) {
        this.idleBudget = idleBudget;
        this.kernel = kernel;
        this.dtype = dtype;
        this.inputWidth = inputWidth;
        this.layers = layers;
        this.idle = new AtomicReferenceArray<>(capacity);
    }

    int capacity() {
        return idle.length();
    }

    /** A set for {@code rows} rows that no other call holds: an idle one, or a new one. */
    InferenceBuffers take(int rows) {
        for (int i = 0; i < idle.length(); i++) {
            InferenceBuffers b = idle.get(i);
            if (b != null && b.rows() == rows && idle.compareAndSet(i, b, null)) {
                idleBytes.addAndGet(-b.bytes());
                return b;
            }
        }
        created.incrementAndGet();
        return new InferenceBuffers(kernel, dtype, rows, inputWidth, layers);
    }

    /** Gives a set back for later calls, or frees it when the pool is full. */
    void give(InferenceBuffers b) {
        long bytes = b.bytes();
        long before = idleBytes.getAndAdd(bytes);
        if (before == 0 || before + bytes <= idleBudget) {
            for (int i = 0; i < idle.length(); i++) {
                if (idle.get(i) == null && idle.compareAndSet(i, null, b)) {
                    return;
                }
            }
        }
        idleBytes.addAndGet(-bytes);
        b.close();
    }

    /** How many sets were made so far (a steady state makes none). */
    long created() {
        return created.get();
    }

    /** The kernel memory the idle sets hold, in bytes. */
    long idleBytes() {
        return idleBytes.get();
    }

    /** How many sets wait idle now. */
    int idleCount() {
        int n = 0;
        for (int i = 0; i < idle.length(); i++) {
            n += idle.get(i) != null ? 1 : 0;
        }
        return n;
    }

    /** Frees every idle set; call only when no call holds one (the model is closed and drained). */
    @Override
    public void close() {
        for (int i = 0; i < idle.length(); i++) {
            InferenceBuffers b = idle.getAndSet(i, null);
            if (b != null) {
                idleBytes.addAndGet(-b.bytes());
                b.close();
            }
        }
    }
}
