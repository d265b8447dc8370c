package io.densekit.kernel.cuda.driver;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * One GPU's primary context (the one the CUDA runtime and cuBLAS use, so cuBLAS shares it), the
 * stream all of densekit's work is queued on, and the module of densekit's kernels (the GPU's
 * cubin, or the PTX where none fits or the driver refuses it: {@link ModuleLoader}).
 *
 * <p>A context is current per OS thread. densekit makes it current at every entry into the kernel
 * ({@link #makeCurrent()}, a cheap thread-local set in the driver) while holding the kernel's lock,
 * rather than owning it on one thread: a hand-off to another thread per operation would cost more
 * than the small launches it wraps. Not thread-safe; the kernel serialises access.
 */
public final class DeviceContext implements AutoCloseable {
    private final DeviceInfo info;
    private final CUdevice device;
    private final CUcontext context;
    private final StreamHandle stream;
    private final StreamHandle copyStream;
    private final CUmodule module;
    private final String moduleForm;
    private final Map<String, CUfunction> functions = new HashMap<>();
    private boolean closed;

    private DeviceContext(DeviceInfo info, CUdevice device, CUcontext context, StreamHandle stream,
                          StreamHandle copyStream, ModuleLoader.Loaded loaded) {
        this.info = info;
        this.device = device;
        this.context = context;
        this.stream = stream;
        this.copyStream = copyStream;
        this.module = loaded.module();
        this.moduleForm = loaded.describe();
    }

    /**
     * Retains the primary context of the device, makes it current, creates the streams and loads
     * the first of the module's forms that the driver accepts.
     */
    public static DeviceContext open(DeviceInfo info, List<ModuleImage> moduleForms) {
        CUdevice device = new CUdevice();
        Cu.check(JCudaDriver.cuDeviceGet(device, info.ordinal()), "cuDeviceGet");
        CUcontext context = new CUcontext();
        Cu.check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        StreamHandle stream = null;
        StreamHandle copyStream = null;
        try {
            Cu.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            stream = new StreamHandle();
            Cu.check(JCudaDriver.cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            copyStream = new StreamHandle();
            Cu.check(JCudaDriver.cuStreamCreate(copyStream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
            ModuleLoader.Loaded loaded = ModuleLoader.load(moduleForms, info.device() + " (sm_" + info.major()
                    + info.minor() + ", driver CUDA " + info.driverVersion() / 1000 + "." + info.driverVersion() % 1000 / 10 + ")");
            return new DeviceContext(info, device, context, stream, copyStream, loaded);
        } catch (RuntimeException e) {
            if (stream != null && stream.address() != 0) {
                JCudaDriver.cuStreamDestroy(stream);
            }
            if (copyStream != null && copyStream.address() != 0) {
                JCudaDriver.cuStreamDestroy(copyStream);
            }
            JCudaDriver.cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    public DeviceInfo info() {
        return info;
    }

    /** Which form of the kernel module was loaded, e.g. "sm_90 cubin". */
    public String moduleForm() {
        return moduleForm;
    }

    public StreamHandle stream() {
        return stream;
    }

    /** The stream host-to-device batch copies run on, beside the compute stream (see Transfers). */
    public StreamHandle copyStream() {
        return copyStream;
    }

    /** Makes the context current on the calling thread. */
    public void makeCurrent() {
        Cu.check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }

    /** The kernel (entry) of that name in densekit's module, looked up once. */
    public CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            Cu.check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
            functions.put(name, f);
        }
        return f;
    }

    /** Waits until everything queued on the stream has run; reports errors of earlier launches. */
    public void synchronize() {
        Cu.check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
    }

    /** {free, total} device memory in bytes. */
    public long[] memoryInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        Cu.check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    /**
     * Unloads the module, destroys the stream and releases the primary context. The caller has
     * freed its memory first. Errors are collected, not thrown halfway.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        JCudaDriver.cuCtxSetCurrent(context);
        int sync = JCudaDriver.cuStreamSynchronize(stream);
        int copySync = JCudaDriver.cuStreamSynchronize(copyStream);
        JCudaDriver.cuStreamDestroy(copyStream);
        JCudaDriver.cuModuleUnload(module);
        JCudaDriver.cuStreamDestroy(stream);
        Cu.check(JCudaDriver.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
        Cu.check(sync, "cuStreamSynchronize (at close)");
        Cu.check(copySync, "cuStreamSynchronize (copy stream, at close)");
    }
}
