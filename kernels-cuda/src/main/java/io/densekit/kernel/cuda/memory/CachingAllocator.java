package io.densekit.kernel.cuda.memory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Keeps released device blocks for reuse, so that steady-state training allocates nothing from the
 * driver (cuMemAlloc and cuMemFree are slow and cuMemFree synchronises the device). Sizes are
 * rounded up ({@link #roundUp}) and a released block serves the next request of the same rounded
 * size. All of densekit's work is on one stream, so a block released while queued kernels still
 * use it can be handed out again at once: later work on the stream runs after theirs.
 *
 * <p>When the device is full the cache is emptied and the allocation retried once; then a
 * {@link CudaOutOfMemoryException} names the request and the free memory. Not thread-safe: the
 * kernel serialises access.
 */
public final class CachingAllocator implements AutoCloseable {
    static final long SMALL_ALIGN = 512;
    static final long LARGE_ALIGN = 1L << 20;

    private final DeviceMemory memory;
    private final long cacheLimit;
    private final TreeMap<Long, ArrayDeque<DeviceBlock>> cached = new TreeMap<>();
    private final Map<Long, DeviceBlock> live = new HashMap<>();
    private long liveBytes;
    private long cachedBytes;
    private int cachedBlocks;
    private long peakBytes;
    private long deviceAllocations;
    private long reuses;
    private boolean closed;

    /** @param cacheLimit the most bytes kept in the cache; a release beyond it goes back to the device */
    public CachingAllocator(DeviceMemory memory, long cacheLimit) {
        this.memory = memory;
        this.cacheLimit = cacheLimit;
    }

    /** The size a request for {@code bytes} occupies: a multiple of 512 B, or of 1 MiB from 1 MiB on. */
    public static long roundUp(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative allocation size " + bytes);
        }
        long align = bytes >= LARGE_ALIGN ? LARGE_ALIGN : SMALL_ALIGN;
        return Math.max(SMALL_ALIGN, (bytes + align - 1) / align * align);
    }

    /**
     * A block of at least {@code bytes}. {@code what} describes the request for the out-of-memory
     * message (e.g. "f32 tensor [4096, 4096]").
     */
    public DeviceBlock allocate(long bytes, Supplier<String> what) {
        requireOpen();
        long size = roundUp(bytes);
        DeviceBlock b = takeCached(size);
        if (b != null) {
            reuses++;
        } else {
            b = memory.allocate(size);
            if (b == null && cachedBlocks > 0) {
                emptyCache();
                b = memory.allocate(size);
            }
            if (b == null) {
                throw outOfMemory(bytes, what.get());
            }
            deviceAllocations++;
        }
        live.put(b.address(), b);
        liveBytes += b.bytes();
        peakBytes = Math.max(peakBytes, liveBytes + cachedBytes);
        return b;
    }

    /** Takes back a block {@link #allocate} handed out; it is kept for reuse up to the cache limit. */
    public void release(DeviceBlock b) {
        if (closed) {
            return;
        }
        if (live.remove(b.address()) == null) {
            throw new IllegalStateException("device block at 0x" + Long.toHexString(b.address())
                    + " is not live (released twice or not from this allocator)");
        }
        liveBytes -= b.bytes();
        if (cachedBytes + b.bytes() > cacheLimit) {
            memory.free(b);
            return;
        }
        cached.computeIfAbsent(b.bytes(), k -> new ArrayDeque<>()).push(b);
        cachedBytes += b.bytes();
        cachedBlocks++;
    }

    /** Gives every cached block back to the device. */
    public void emptyCache() {
        for (ArrayDeque<DeviceBlock> q : cached.values()) {
            for (DeviceBlock b : q) {
                memory.free(b);
            }
        }
        cached.clear();
        cachedBytes = 0;
        cachedBlocks = 0;
    }

    public AllocatorStats stats() {
        return new AllocatorStats(live.size(), liveBytes, cachedBlocks, cachedBytes, peakBytes, deviceAllocations, reuses);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Frees every block, live ones included; later releases are ignored and allocations throw. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        emptyCache();
        RuntimeException first = null;
        for (DeviceBlock b : live.values()) {
            try {
                memory.free(b);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        live.clear();
        liveBytes = 0;
        closed = true;
        if (first != null) {
            throw first;
        }
    }

    private DeviceBlock takeCached(long size) {
        ArrayDeque<DeviceBlock> q = cached.get(size);
        if (q == null) {
            return null;
        }
        DeviceBlock b = q.pop();
        if (q.isEmpty()) {
            cached.remove(size);
        }
        cachedBytes -= b.bytes();
        cachedBlocks--;
        return b;
    }

    private CudaOutOfMemoryException outOfMemory(long bytes, String what) {
        long free = memory.freeBytes();
        String msg = memory.device() + ": out of device memory allocating " + Bytes.format(bytes) + " for " + what
                + ": " + Bytes.format(free) + " free of " + Bytes.format(memory.totalBytes()) + "; densekit holds "
                + Bytes.format(liveBytes) + " in " + live.size() + " live tensors or buffers (its cache was emptied"
                + " before giving up). Close tensors you no longer need or use a smaller batch.";
        return new CudaOutOfMemoryException(msg, bytes, free);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the cuda kernel is closed; its device memory was released");
        }
    }
}
