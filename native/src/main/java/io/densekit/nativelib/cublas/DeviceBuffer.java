package io.densekit.nativelib.cublas;

/**
 * A range of device memory: its address and size in bytes. The binding checks every matrix operand
 * against its buffer's size before a call, so a cuBLAS call cannot reach past the buffer.
 */
public record DeviceBuffer(long address, long bytes) {
    public DeviceBuffer {
        if (address == 0) {
            throw new IllegalArgumentException("device buffer address is null");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("device buffer size is " + bytes + " bytes, expected >= 0");
        }
    }

    /** The buffer's capacity in elements of the given size. */
    public long elements(int elementBytes) {
        return bytes / elementBytes;
    }
}
