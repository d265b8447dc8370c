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
 * Each slot has its own cache line and each thread starts its scan at its own slot, so threads
 * calling at once take and give back sets without passing cache lines to each other. Sets smaller
 * than the budget over the slot count (a few rows' worth) stay out of the byte budget, whose
 * counter every caller would share: the slot count bounds them to one budget more, so idle memory
 * stays under twice the budget.
 */
final class InferencePool implements AutoCloseable {
    /** Kernel memory the idle sets may hold together, beyond a first set of any size. */
    static final long IDLE_BYTES = 256L << 20;
    /** References per slot: 16 x at most 8 bytes, at least one cache line. */
    private static final int PAD = 16;
    private final Kernel kernel;
    private final DType dtype;
    private final int inputWidth;
    private final List<Layer> layers;
    private final AtomicReferenceArray<InferenceBuffers> idle;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong idleBytes = new AtomicLong();
    private final long idleBudget;
    private final int capacity;

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
        this.capacity = capacity;
        this.idle = new AtomicReferenceArray<>(capacity * PAD);
    }

    int capacity() {
        return capacity;
    }

    /** An idle set of {@code rows} rows, or a new one. */
    InferenceBuffers take(int rows) {
        int home = ThreadSlots.of(capacity);
        for (int n = 0; n < capacity; n++) {
            int i = (home + n) % capacity * PAD;
            InferenceBuffers b = idle.get(i);
            if (b != null && b.rows() == rows && idle.compareAndSet(i, b, null)) {
                uncount(b.bytes());
                return b;
            }
        }
        created.incrementAndGet();
        return new InferenceBuffers(kernel, dtype, rows, inputWidth, layers);
    }

    /** Keeps {@code b} for a later call if there is room, else frees it. */
    void give(InferenceBuffers b) {
        long bytes = b.bytes();
        boolean counted = counted(bytes);
        long before = counted ? idleBytes.getAndAdd(bytes) : 0;
        if (!counted || before == 0 || before + bytes <= idleBudget) {
            int home = ThreadSlots.of(capacity);
            for (int n = 0; n < capacity; n++) {
                int i = (home + n) % capacity * PAD;
                if (idle.get(i) == null && idle.compareAndSet(i, null, b)) {
                    return;
                }
            }
        }
        uncount(bytes);
        b.close();
    }

    /** Whether a set of {@code bytes} counts against the byte budget: only sets of a budget's share or more. */
    private boolean counted(long bytes) {
        return bytes >= idleBudget / capacity;
    }

    /** Takes a set of {@code bytes} that leaves the idle slots out of the budget's count. */
    private void uncount(long bytes) {
        if (counted(bytes)) {
            idleBytes.addAndGet(-bytes);
        }
    }

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
        for (int i = 0; i < idle.length(); i += PAD) {
            n += idle.get(i) != null ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        for (int i = 0; i < idle.length(); i += PAD) {
            InferenceBuffers b = idle.getAndSet(i, null);
            if (b != null) {
                uncount(b.bytes());
                b.close();
            }
        }
    }
}
