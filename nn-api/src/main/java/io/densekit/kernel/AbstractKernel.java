package io.densekit.kernel;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Base of densekit's kernels: one rule, on every kernel, for who ends a kernel's life.
 *
 * <ul>
 *   <li>The instance a {@link KernelRegistry} shares ({@link Kernels#best()}, {@link Kernels#byName})
 *       belongs to the registry: its {@link #close()} does nothing, so a caller's
 *       {@code try (Kernel k = Kernels.best())} cannot break the kernel for the rest of the process.</li>
 *   <li>Any other instance ({@link Kernels#open}, or one constructed directly) belongs to its caller:
 *       the first {@code close()} releases its resources ({@link #release()}), and every later use
 *       is refused with an {@link IllegalStateException} that says so.</li>
 * </ul>
 *
 * <p>Whether an instance is shared is decided once, by the registry, before anyone else sees it.
 */
public abstract class AbstractKernel implements Kernel {
    private static final int OWNED = 0;
    private static final int SHARED = 1;
    private static final int CLOSED = 2;
    private final AtomicInteger state = new AtomicInteger(OWNED);

    /** Makes this the registry's shared instance, whose close() does nothing. Only the registry calls it. */
    final void share() {
        if (!state.compareAndSet(OWNED, SHARED) && state.get() == CLOSED) {
            throw new IllegalStateException("kernel '" + name() + "' is closed and cannot be shared");
        }
    }

    /** True for the registry's instance, whose {@link #close()} does nothing. */
    public final boolean isShared() {
        return state.get() == SHARED;
    }

    /** True once the owner of this instance closed it. */
    public final boolean isClosed() {
        return state.get() == CLOSED;
    }

    /**
     * Releases the kernel's resources, once, if the caller owns this instance; does nothing on the
     * shared instance. Closing twice is harmless.
     */
    @Override
    public final void close() {
        if (state.compareAndSet(OWNED, CLOSED)) {
            release();
        }
    }

    /** The kernel's own clean-up (thread pools, device memory), run by the first close() of an owned instance. */
    protected void release() {
    }

    /** Throws when the owner closed this instance; operations call it before touching their operands. */
    protected final void requireOpen() {
        if (state.get() == CLOSED) {
            throw new IllegalStateException("kernel '" + name() + "' is closed: its owner closed this instance;"
                    + " open another with Kernels.open(\"" + name() + "\") or use the shared Kernels.byName(\""
                    + name() + "\")");
        }
    }
}
