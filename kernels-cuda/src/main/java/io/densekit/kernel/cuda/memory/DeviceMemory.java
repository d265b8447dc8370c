package io.densekit.kernel.cuda.memory;

/** Where blocks come from: the driver on a GPU, a fake in tests of the allocator's bookkeeping. */
public interface DeviceMemory {

    /** A new block of exactly {@code bytes}, or null when the device has no room for it. */
    DeviceBlock allocate(long bytes);

    void free(DeviceBlock block);

    /** Free device memory now, as the driver counts it. */
    long freeBytes();

    long totalBytes();

    /** The device, for messages ("cuda:0 NVIDIA H100"). */
    String device();
}
