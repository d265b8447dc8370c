package io.densekit.kernel.cuda.driver;

import jcuda.driver.CUdeviceptr;

/**
 * A device pointer whose address Java can read, for the cuBLAS binding (which takes raw addresses)
 * and for bounds checks. JCuda fills it in {@code cuMemAlloc}; only a subclass can read the address.
 */
public final class DevicePointer extends CUdeviceptr {

    public DevicePointer() {
    }

    private DevicePointer(DevicePointer base, long byteOffset) {
        super(base, byteOffset);
    }

    /** The device address ({@code CUdeviceptr} value). */
    public long address() {
        return getNativePointer() + getByteOffset();
    }

    /** The pointer {@code byteOffset} bytes further on. */
    public DevicePointer plus(long byteOffset) {
        return byteOffset == 0 ? this : new DevicePointer(this, byteOffset);
    }
}
