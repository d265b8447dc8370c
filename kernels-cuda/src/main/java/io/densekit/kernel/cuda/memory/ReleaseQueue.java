package io.densekit.kernel.cuda.memory;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Blocks of closed or unreachable tensors, waiting to go back to the allocator. Tensor close and
 * the Cleaner run on any thread, but the allocator and the driver belong to the kernel's lock, so
 * they only queue the block here and the kernel drains the queue at its next entry.
 */
public final class ReleaseQueue {
    private final ConcurrentLinkedQueue<DeviceBlock> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** Queues a block; ignored once the kernel is closed (close freed every block already). */
    public void offer(DeviceBlock b) {
        if (!closed) {
            pending.add(b);
        }
    }

    /**
     * Hands every queued block to {@code release} (the allocator's, or the runtime's, which keeps
     * blocks a CUDA graph refers to). Call under the kernel's lock.
     */
    public void drainTo(java.util.function.Consumer<DeviceBlock> release) {
        DeviceBlock b;
        while ((b = pending.poll()) != null) {
            release.accept(b);
        }
    }

    public int size() {
        return pending.size();
    }

    public void close() {
        closed = true;
        pending.clear();
    }
}
