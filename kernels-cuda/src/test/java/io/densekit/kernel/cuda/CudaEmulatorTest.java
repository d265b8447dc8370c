package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.cuda.driver.CudaKernels;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUgraph;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.CUstream;
import jcuda.driver.CUstreamCaptureMode;
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
        CUdeviceptr z = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(z, 4 * 100)).isZero();
        CUdeviceptr a = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(a, 4 * 10)).isZero(); // room for 10 floats, 100 written
        // On the legacy stream (null) the launch runs at once, so the call itself fails.
        int r = JCudaDriver.cuLaunchKernel(biasActForward(), 1, 1, 1, 128, 1, 1, 0, null, biasActParams(z, a, 100), null);
        assertThat(r).isEqualTo(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
    }

    private static CUfunction biasActForward() {
        CUmodule module = new CUmodule();
        assertThat(JCudaDriver.cuModuleLoadData(module, CudaKernels.ptxImage())).isZero();
        CUfunction f = new CUfunction();
        assertThat(JCudaDriver.cuModuleGetFunction(f, module, "dk_bias_act_forward_f32")).isZero();
        return f;
    }

    /** dk_bias_act_forward_f32 arguments: one row of {@code cols}, no bias, identity. */
    private static Pointer biasActParams(CUdeviceptr z, CUdeviceptr a, int cols) {
        return Pointer.to(Pointer.to(z), Pointer.to(new long[] {0}), Pointer.to(a), Pointer.to(new int[] {1}),
                Pointer.to(new int[] {cols}), Pointer.to(new int[] {0}));
    }

    private static CUstream stream() {
        CUstream s = new CUstream();
        assertThat(JCudaDriver.cuStreamCreate(s, 1)).isZero(); // non-blocking, as densekit's
        return s;
    }

    /** Reads one int through a pinned buffer on the stream. */
    private static int readInt(CUdeviceptr d, CUstream s) {
        Pointer pinned = new Pointer();
        assertThat(JCudaDriver.cuMemAllocHost(pinned, 4)).isZero();
        assertThat(JCudaDriver.cuMemcpyDtoHAsync(pinned, d, 4, s)).isZero();
        assertThat(JCudaDriver.cuStreamSynchronize(s)).isZero();
        int v = pinned.getByteBuffer(0, 4).order(ByteOrder.nativeOrder()).getInt(0);
        assertThat(JCudaDriver.cuMemFreeHost(pinned)).isZero();
        return v;
    }

    /**
     * The driver's capture rules for events: a capturing stream may wait only for events recorded in
     * its own capture, and an event recorded in a capture is neither synchronised nor waited for by
     * another stream (which would join the capture).
     */
    @Test
    void eventsFollowTheDriversCaptureRules() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUstream capturing = stream();
        CUstream other = stream();
        CUevent outside = new CUevent();
        CUevent inside = new CUevent();
        assertThat(JCudaDriver.cuEventCreate(outside, 0)).isZero();
        assertThat(JCudaDriver.cuEventCreate(inside, 0)).isZero();
        assertThat(JCudaDriver.cuEventRecord(outside, other)).isZero();
        assertThat(JCudaDriver.cuStreamBeginCapture(capturing, CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_RELAXED)).isZero();
        assertThat(JCudaDriver.cuEventRecord(inside, capturing)).isZero();
        assertThat(JCudaDriver.cuStreamWaitEvent(capturing, inside, 0)).as("in-capture order").isZero();
        assertThat(JCudaDriver.cuEventSynchronize(inside)).isEqualTo(CUresult.CUDA_ERROR_CAPTURED_EVENT);
        assertThat(JCudaDriver.cuStreamWaitEvent(other, inside, 0)).isEqualTo(CUresult.CUDA_ERROR_STREAM_CAPTURE_UNJOINED);
        assertThat(JCudaDriver.cuStreamWaitEvent(capturing, outside, 0))
                .isEqualTo(CUresult.CUDA_ERROR_STREAM_CAPTURE_ISOLATION);
        CUgraph graph = new CUgraph();
        assertThat(JCudaDriver.cuStreamEndCapture(capturing, graph)).isEqualTo(CUresult.CUDA_ERROR_STREAM_CAPTURE_INVALIDATED);
        assertThat(JCudaDriver.cuEventRecord(inside, other)).isZero();
        assertThat(JCudaDriver.cuEventSynchronize(inside)).as("recorded outside a capture again").isZero();
    }

    /** A stream's work runs when the host waits: a pinned source refilled before then is what gets copied. */
    @Test
    void streamWorkRunsWhenTheHostWaitsSoAPinnedSourceMustNotBeRefilledBefore() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUstream s = stream();
        Pointer pinned = new Pointer();
        assertThat(JCudaDriver.cuMemAllocHost(pinned, 4)).isZero();
        CUdeviceptr d = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(d, 4)).isZero();
        ByteBuffer host = pinned.getByteBuffer(0, 4).order(ByteOrder.nativeOrder());
        host.putInt(0, 1);
        assertThat(JCudaDriver.cuMemcpyHtoDAsync(d, pinned, 4, s)).isZero();
        host.putInt(0, 2); // too early: the copy has not run
        assertThat(JCudaDriver.cuStreamSynchronize(s)).isZero();
        assertThat(readInt(d, s)).isEqualTo(2);
        assertThat(JCudaDriver.cuMemFreeHost(pinned)).isZero();
        assertThat(JCudaDriver.cuStreamDestroy(s)).isZero();
    }

    /**
     * Across streams only events order work, and the emulator runs the most recently queued work
     * first where it may: without the wait the reader sees the buffer's NaN fill, with it the value.
     */
    @Test
    void onlyAnEventOrdersWorkAcrossStreams() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUstream writer = stream();
        CUstream reader = stream();
        for (boolean wait : new boolean[] {false, true}) {
            CUdeviceptr src = new CUdeviceptr();
            assertThat(JCudaDriver.cuMemAlloc(src, 4)).isZero(); // new memory holds 0xFF bytes
            CUdeviceptr dst = new CUdeviceptr();
            assertThat(JCudaDriver.cuMemAlloc(dst, 4)).isZero();
            assertThat(JCudaDriver.cuMemsetD32Async(src, 7, 1, writer)).isZero();
            CUevent written = new CUevent();
            assertThat(JCudaDriver.cuEventCreate(written, 0)).isZero();
            assertThat(JCudaDriver.cuEventRecord(written, writer)).isZero();
            if (wait) {
                assertThat(JCudaDriver.cuStreamWaitEvent(reader, written, 0)).isZero();
            }
            // The reader copies src to dst with a kernel (identity activation, bits unchanged).
            assertThat(JCudaDriver.cuLaunchKernel(biasActForward(), 1, 1, 1, 32, 1, 1, 0, reader,
                    biasActParams(src, dst, 1), null)).isZero();
            assertThat(JCudaDriver.cuStreamSynchronize(reader)).isZero();
            assertThat(JCudaDriver.cuStreamSynchronize(writer)).isZero();
            assertThat(readInt(dst, reader)).as(wait ? "with the wait" : "without the wait").isEqualTo(wait ? 7 : -1);
            assertThat(JCudaDriver.cuEventDestroy(written)).isZero();
        }
    }

    /** A failure of queued work is returned by the next synchronisation, as the driver reports it. */
    @Test
    void aQueuedKernelsFailureIsReportedWhenTheHostWaits() {
        assertThat(JCudaDriver.cuCtxSetCurrent(primaryContext())).isZero();
        CUstream s = stream();
        CUdeviceptr z = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(z, 4 * 100)).isZero();
        CUdeviceptr a = new CUdeviceptr();
        assertThat(JCudaDriver.cuMemAlloc(a, 4 * 10)).isZero(); // room for 10 floats, 100 written
        assertThat(JCudaDriver.cuLaunchKernel(biasActForward(), 1, 1, 1, 128, 1, 1, 0, s,
                biasActParams(z, a, 100), null)).isZero();
        assertThat(JCudaDriver.cuStreamSynchronize(s)).isEqualTo(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS);
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
