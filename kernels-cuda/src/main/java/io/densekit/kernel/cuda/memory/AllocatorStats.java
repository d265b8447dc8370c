package io.densekit.kernel.cuda.memory;

/**
 * The allocator's counters.
 *
 * @param liveBlocks        blocks handed out and not yet released
 * @param liveBytes         their size
 * @param cachedBlocks      released blocks kept for reuse
 * @param cachedBytes       their size
 * @param peakBytes         the largest live + cached total so far
 * @param deviceAllocations blocks obtained from the device so far (a steady state adds none)
 * @param reuses            allocations served from the cache
 */
public record AllocatorStats(int liveBlocks, long liveBytes, int cachedBlocks, long cachedBytes, long peakBytes,
                             long deviceAllocations, long reuses) {

    /** Device memory densekit holds: live plus cached. */
    public long heldBytes() {
        return liveBytes + cachedBytes;
    }
}
