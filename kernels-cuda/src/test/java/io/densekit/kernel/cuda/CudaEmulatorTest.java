package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.cuda.CudaKernels;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator is strict where a GPU fails, so the emulated run can catch what a GPU would: these
 * tests make each mistake on purpose through JCuda and expect the driver's error. They run in the
 * emulated execution only (a real GPU would be poisoned by some of them).
 */
class CudaEmulatorTest {
    @BeforeAll
    static void emulatedRunOnly() {
        assumeTrue(CudaEmulator.requested(), "runs in the cuda-emulator execution only");
        String problem = CudaEmulator.prepare();
        assumeTrue(problem == null, problem);
        assumeTrue(new CudaKernelProvider().availability().available(), "the emulated driver did not load");
    }

    private int retained;

    /** Releasing the last reference destroys the context with its memory and its sticky error. */
    @AfterEach
    void releaseTheContext() {
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, 0);
        for (; retained > 0; retained--) {
            assertThat(JCudaDriver.cuDevicePrimaryCtxRelease(dev)).isZero();
        }
    }

    private CUcontext primaryContext() {
        JCudaDriver.cuInit(0);
        CUdevice dev = new CUdevice();
        assertThat(JCudaDriver.cuDeviceGet(dev, 0)).isZero();
        CUcontext ctx = new CUcontext();
        assertThat(JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev)).isZero();
        retained++;
        return ctx;
    }

    @Test
    void aThreadWithoutTheContextCurrentCannotAllocate() throws Exception {
        CUcontext ctx = primaryContext();
        AtomicInteger result = new AtomicInteger();
        Thread t = Thread.ofPlatform().start(() -> result.set(JCudaDriver.cuMemAlloc(new CUdeviceptr(), 64)));
        t.join();
        assertThat(result.get()).isEqualTo(CUresult.CUDA_ERROR_INVALID_CONTEXT);
        assertThat(JCudaDriver.cuCtxSetCurrent(ctx)).isZero();
        CUdeviceptr p = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(p, 64)).isZero();
        assertThat(JCudaDriver.cuMemFree(p)).isZero();
    }

    @Test
    void aKernelThatWritesPastItsBufferFailsAtItsLaunch() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUmodule module = new CUmodule();
        assertThat(JCudaDriver.cuModuleLoadData(module, CudaKernels.ptxImage())).isZero();
        CUfunction f = new CUfunction();
        assertThat(JCudaDriver.cuModuleGetFunction(f, module, "dk_bias_act_forward_f32")).isZero();
        CUdeviceptr z = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(z, 4 * 100)).isZero();
        CUdeviceptr a = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(a, 4 * 10)).isZero(); // room for 10 floats, 100 written
        Pointer params = Pointer.to(Pointer.to(z), Pointer.to(new long[] {0}), Pointer.to(a),
                Pointer.to(new int[] {1}), Pointer.to(new int[] {100}), Pointer.to(new int[] {1}));
        int r = JCudaDriver.cuLaunchKernel(f, 1, 1, 1, 128, 1, 1, 0, null, params, null);
        assertThat(r).isEqualTo(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
    }

    @Test
    void copiesOutsideAnAllocationAndUnknownKernelsAreRefused() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUdeviceptr p = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(p, 64)).isZero();
        assertThat(JCudaDriver.cuMemcpyHtoDAsync(p.withByteOffset(32), Pointer.to(new byte[64]), 64, null))
                .isEqualTo(CUresult.CUDA_ERROR_INVALID_VALUE);
        CUmodule module = new CUmodule();
        assertThat(JCudaDriver.cuModuleLoadData(module, CudaKernels.ptxImage())).isZero();
        assertThat(JCudaDriver.cuModuleGetFunction(new CUfunction(), module, "dk_no_such_kernel_f32"))
                .isEqualTo(CUresult.CUDA_ERROR_NOT_FOUND);
    }

    @Test
    void theCudaKernelWorksFromAnyThreadBecauseItMakesItsContextCurrentAtEveryEntry() throws Exception {
        try (CudaKernel kernel = (CudaKernel) new CudaKernelProvider().create()) {
            Tensor t = kernel.upload(HostTensor.vector(DType.F64, 1, 2, 3));
            AtomicReference<double[]> seen = new AtomicReference<>();
            Thread.ofPlatform().start(() -> seen.set(kernel.download(t).toDoubleArray())).join();
            assertThat(seen.get()).containsExactly(1, 2, 3);
            Thread.ofVirtual().start(() -> seen.set(kernel.download(t).toDoubleArray())).join();
            assertThat(seen.get()).containsExactly(1, 2, 3);
        }
    }
}
