package io.densekit.kernel.cuda.driver;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.kernel.cuda.memory.DeviceMemory;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** Device memory straight from the driver: cuMemAlloc and cuMemFree on the current context. */
public final class CudaDeviceMemory implements DeviceMemory {
    private final DeviceContext context;

    public CudaDeviceMemory(DeviceContext context) {
        this.context = context;
    }

    @Override
    public DeviceBlock allocate(long bytes) {
        DevicePointer p = new DevicePointer();
        int r = JCudaDriver.cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            return null;
        }
        Cu.check(r, "cuMemAlloc(" + bytes + " bytes)");
        return new DeviceBlock(p.address(), bytes, p);
    }

    @Override
    public void free(DeviceBlock block) {
        Cu.check(JCudaDriver.cuMemFree(block.pointer()), "cuMemFree");
    }

    @Override
    public long freeBytes() {
        return context.memoryInfo()[0];
    }

    @Override
    public long totalBytes() {
        return context.memoryInfo()[1];
    }

    @Override
    public String device() {
        return context.info().device();
    }
}
