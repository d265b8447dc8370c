package io.densekit.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many times the elements of one backing array may have been written through the tensors that
 * share it (a tensor and its row slices and reshapes hold the same count). Kernels compare it with
 * the count they saw when they derived something from the elements (see
 * {@link HostTensor#version()}).
 *
 * <p>Opaque accesses: a count is never torn, and costs what a plain field costs. It needs no stronger
 * ordering than the elements it guards: whatever makes a write to the elements visible to another
 * thread (a lock, a volatile, a thread start) also makes the increment before it visible.
 */
final class WriteCount {
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(WriteCount.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through COUNT
    private long count;

    long get() {
        return (long) COUNT.getOpaque(this);
    }

    void increment() {
        COUNT.setOpaque(this, (long) COUNT.getOpaque(this) + 1);
    }
}
