package io.densekit.kernel.cuda.memory;

import java.util.HashSet;
import java.util.Set;

/** Device memory of a fixed capacity with made-up addresses, for the allocator's bookkeeping. */
public final class FakeDeviceMemory implements DeviceMemory {
    private final long capacity;
    private final Set<Long> allocated = new HashSet<>();
    private long used;
    private long nextAddress = 0x7f00_0000_0000L;
    public int allocations;
    public int frees;

    public FakeDeviceMemory(long capacity) {
        this.capacity = capacity;
    }

    @Override
    public DeviceBlock allocate(long bytes) {
        if (used + bytes > capacity) {
            return null;
        }
        DeviceBlock b = new DeviceBlock(nextAddress, bytes, null);
        nextAddress += bytes + 4096;
        used += bytes;
        allocations++;
        allocated.add(b.address());
        return b;
    }

    @Override
    public void free(DeviceBlock block) {
        if (!allocated.remove(block.address())) {
            throw new AssertionError("freeing a block that is not allocated: " + block);
        }
        used -= block.bytes();
        frees++;
    }

    @Override
    public long freeBytes() {
        return capacity - used;
    }

    @Override
    public long totalBytes() {
        return capacity;
    }

    @Override
    public String device() {
        return "cuda:0 Fake GPU";
    }

    public long used() {
        return used;
    }
}
