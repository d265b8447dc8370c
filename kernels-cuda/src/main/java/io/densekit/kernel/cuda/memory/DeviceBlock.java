package io.densekit.kernel.cuda.memory;

import io.densekit.kernel.cuda.driver.DevicePointer;

/**
 * One allocation of device memory.
 *
 * @param address the device address
 * @param bytes   its size
 * @param pointer the driver's handle for it; null for blocks of a test's fake memory
 */
public record DeviceBlock(long address, long bytes, DevicePointer pointer) {
    public DeviceBlock {
        if (address == 0) {
            throw new IllegalArgumentException("device block at address 0");
        }
        if (bytes <= 0) {
            throw new IllegalArgumentException("device block of " + bytes + " bytes");
        }
    }
}
