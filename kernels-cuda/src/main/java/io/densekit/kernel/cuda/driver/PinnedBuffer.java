package io.densekit.kernel.cuda.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.JCudaDriver;

/**
 * Page-locked host memory (cuMemAllocHost): the DMA engine copies from it directly, several times
 * faster than from pageable memory, and copies from it can be asynchronous.
 */
public final class PinnedBuffer implements AutoCloseable {
    private final Pointer host = new Pointer();
    private final ByteBuffer buffer;
    private final long bytes;
    private boolean freed;

    public PinnedBuffer(long bytes) {
        Cu.check(JCudaDriver.cuMemAllocHost(host, bytes), "cuMemAllocHost(" + bytes + " bytes)");
        this.bytes = bytes;
        this.buffer = host.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder());
    }

    public Pointer pointer() {
        return host;
    }

    /** The memory as a native-order buffer; position and limit are the caller's to set. */
    public ByteBuffer buffer() {
        return buffer;
    }

    public long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        if (!freed) {
            freed = true;
            Cu.check(JCudaDriver.cuMemFreeHost(host), "cuMemFreeHost");
        }
    }
}
