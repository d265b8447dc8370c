package io.densekit.kernel.cuda.memory;

/**
 * The device has no room for an allocation even after densekit released its cached blocks. The
 * kernel stays usable: nothing was allocated, and closing tensors makes room.
 */
public class CudaOutOfMemoryException extends RuntimeException {
    private final long requestedBytes;
    private final long freeBytes;

    public CudaOutOfMemoryException(String message, long requestedBytes, long freeBytes) {
        super(message);
        this.requestedBytes = requestedBytes;
        this.freeBytes = freeBytes;
    }

    public long requestedBytes() {
        return requestedBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }
}
