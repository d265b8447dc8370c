package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.driver.Cu;
import io.densekit.kernel.cuda.driver.CudaDeviceMemory;
import io.densekit.kernel.cuda.driver.DeviceContext;
import io.densekit.kernel.cuda.driver.ModuleImages;
import io.densekit.kernel.cuda.driver.PinnedBuffer;
import io.densekit.kernel.cuda.launch.Launcher;
import io.densekit.kernel.cuda.memory.CachingAllocator;
import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.kernel.cuda.memory.ReleaseQueue;
import io.densekit.nativelib.cublas.CublasHandle;
import io.densekit.nativelib.cublas.DeviceBuffer;
import io.densekit.nativelib.cublas.MathMode;
import io.densekit.tensor.DType;
import io.densekit.tensor.Shapes;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.CUresult;
import jcuda.driver.CUstreamCaptureMode;
import jcuda.driver.JCudaDriver;

/**
 * Everything one GPU kernel owns: the context and stream, the cuBLAS handle on that stream, the
 * caching allocator, the staging buffers, and a small status block for results read back (a loss,
 * a count, the kernels' bad-input flag). Access is serialised by one lock; {@link #enter()} takes it,
 * makes the context current on the calling thread and returns blocks of closed tensors to the cache.
 */
final class CudaRuntime implements AutoCloseable {
    /** Status block layout: a double result at 0, the int bad flag at 8. */
    static final long RESULT_OFFSET = 0;
    static final long BAD_OFFSET = 8;
    static final int NO_BAD = Integer.MAX_VALUE;
    /** Size of a status block or of a queued loss's slot: {double result, int bad, padding}. */
    static final long STATUS_BYTES = 16;
    static final long CUBLAS_WORKSPACE_BYTES = 32L << 20;

    final DeviceContext context;
    final CublasHandle cublas;
    final CachingAllocator allocator;
    final ReleaseQueue releases = new ReleaseQueue();
    final Launcher launcher;
    final Transfers transfers;
    final CudaConfig config;
    private final String cublasLocation;
    private final DeviceBlock status;
    private final PinnedBuffer readback;
    private final ReentrantLock lock = new ReentrantLock();
    private final Entry entry = new Entry();
    private final List<CudaRecording> recordings = new ArrayList<>();
    private CudaRecording capturing;
    private boolean closed;
    private long writes;
    private long epoch;

    /** Closing the entry releases the lock. */
    final class Entry implements AutoCloseable {
        @Override
        public void close() {
            lock.unlock();
        }
    }

    private CudaRuntime(CudaSetup setup, DeviceContext context, CublasHandle cublas) {
        this.context = context;
        this.cublas = cublas;
        this.config = setup.config();
        this.cublasLocation = setup.cublas().location();
        long total = setup.device().totalBytes();
        this.allocator = new CachingAllocator(new CudaDeviceMemory(context), Math.max(256L << 20, total / 2));
        this.launcher = new Launcher(context);
        launcher.resolveAll();
        this.transfers = new Transfers(context);
        this.status = allocator.allocate(STATUS_BYTES, () -> "the kernel's status block");
        this.readback = new PinnedBuffer(16);
        // cuBLAS must not allocate while a stream captures (CUDA graphs): give it its workspace up
        // front (32 MiB, NVIDIA's advice for Hopper). Always, not only with graphs, so that cuBLAS
        // chooses its algorithms the same way with graphs on and off.
        DeviceBlock workspace = allocator.allocate(CUBLAS_WORKSPACE_BYTES, () -> "cuBLAS's workspace");
        cublas.setWorkspace(new DeviceBuffer(workspace.address(), workspace.bytes()));
    }

    /** Opens the device; on failure releases what was opened and throws. */
    static CudaRuntime open(CudaSetup setup) {
        DeviceContext context = DeviceContext.open(setup.device(),
                ModuleImages.forDevice(setup.device().major(), setup.device().minor()));
        CublasHandle handle = null;
        try {
            handle = setup.cublas().createHandle();
            handle.setStream(context.stream().address());
            handle.setMathMode(setup.config().tf32() ? MathMode.TF32_TENSOR_OP : MathMode.DEFAULT);
            return new CudaRuntime(setup, context, handle);
        } catch (RuntimeException | Error e) {
            if (handle != null) {
                handle.close();
            }
            context.close();
            throw e;
        }
    }

    /**
     * Takes the lock and prepares the calling thread, for an operation that may write device
     * tensors; use in try-with-resources.
     */
    Entry enter() {
        Entry e = enterReading();
        writes++;
        return e;
    }

    /** As {@link #enter()}, for an operation that writes no tensor (a loss, a copy to the host). */
    Entry enterReading() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the cuda kernel is closed");
            }
            context.makeCurrent();
            releases.drainTo(this::release);
            epoch++;
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
        return entry;
    }

    /**
     * How many operations that may write device tensors have begun: unchanged between two reads
     * means no tensor changed in between. Read under the lock.
     */
    long writes() {
        return writes;
    }

    /**
     * The number of the operation in progress: every entry counts one, and every device operation
     * an entry queues is queued before the next entry. Read under the lock.
     */
    long epoch() {
        return epoch;
    }

    /** Counts a write by an operation that entered with {@link #enterReading()}. */
    void wrote() {
        writes++;
    }

    String cublasLocation() {
        return cublasLocation;
    }

    // ---- recordings (CUDA graphs) ---------------------------------------------------------------

    /**
     * Gives a block back to the allocator, unless a recording refers to it: then the recording
     * keeps it until it closes (a graph holds raw addresses). Under the lock.
     */
    void release(DeviceBlock b) {
        if (capturing != null) {
            capturing.defer(b);
            return;
        }
        for (CudaRecording r : recordings) {
            if (r.holds(b)) {
                r.defer(b);
                return;
            }
        }
        allocator.release(b);
    }

    /** Notes that the operation being queued uses this tensor (a no-op unless recording). */
    void noteUse(CudaTensor t, DeviceBlock b) {
        if (capturing != null) {
            capturing.hold(t, b);
        }
    }

    /** The recording being captured, or null. */
    CudaRecording capturing() {
        return capturing;
    }

    /** Throws for an operation a recording cannot hold: it reads or copies on the host, or waits. */
    void requireNotRecording(String op) {
        if (capturing != null) {
            throw new IllegalStateException(op + " cannot be part of a recorded step (a CUDA graph replays device work "
                    + "only): record forward, lossAsync, lossGradient and backward; copy and read outside it");
        }
    }

    /** Captures the operations {@code ops} queues into a CUDA graph; nothing runs. */
    CudaRecording record(Runnable ops) {
        try (var entered = enter()) { // held for the whole capture: no other thread queues onto the stream
            if (capturing != null) {
                throw new IllegalStateException("record: a recording is being captured already (they do not nest)");
            }
            CudaRecording r = new CudaRecording(this);
            // Relaxed: the allocator may call cuMemAlloc while the stream captures.
            Cu.check(JCudaDriver.cuStreamBeginCapture(context.stream(), CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_RELAXED),
                    "cuStreamBeginCapture");
            capturing = r;
            CUgraph graph = new CUgraph();
            try {
                ops.run();
            } catch (RuntimeException | Error e) {
                capturing = null;
                if (JCudaDriver.cuStreamEndCapture(context.stream(), graph) == CUresult.CUDA_SUCCESS) {
                    JCudaDriver.cuGraphDestroy(graph);
                }
                r.markClosed().forEach(this::release);
                throw e;
            }
            capturing = null;
            try {
                Cu.check(JCudaDriver.cuStreamEndCapture(context.stream(), graph), "cuStreamEndCapture");
                CUgraphExec exec = new CUgraphExec();
                int res = JCudaDriver.cuGraphInstantiate(exec, graph, 0);
                if (res != CUresult.CUDA_SUCCESS) {
                    JCudaDriver.cuGraphDestroy(graph);
                    Cu.check(res, "cuGraphInstantiate");
                }
                r.ready(graph, exec);
            } catch (RuntimeException e) {
                r.markClosed().forEach(this::release);
                throw e;
            }
            recordings.add(r);
            return r;
        }
    }

    void replay(CudaRecording r) {
        try (var e = enter()) {
            if (r.isClosed()) {
                throw new IllegalStateException("replay: the recording is closed");
            }
            requireNotRecording("replay");
            Cu.check(JCudaDriver.cuGraphLaunch(r.exec(), context.stream()), "cuGraphLaunch");
            r.touchAll(epoch); // a copy into one of its tensors must wait for this replay
        }
    }

    void closeRecording(CudaRecording r) {
        lock.lock();
        try {
            if (r.isClosed()) {
                return;
            }
            recordings.remove(r);
            List<DeviceBlock> kept = r.markClosed();
            if (closed) {
                return; // the runtime freed everything already
            }
            context.makeCurrent();
            r.destroyGraph();
            kept.forEach(this::release);
        } finally {
            lock.unlock();
        }
    }

    /** A new tensor whose contents are undefined (the caller fills it). */
    CudaTensor uninitialised(Object owner, DType dtype, int[] shape) {
        int[] s = Shapes.checkShape(shape);
        long bytes = Math.max(1, (long) count(s) * dtype.byteSize());
        DeviceBlock b = allocator.allocate(bytes, () -> dtype + " tensor " + Shapes.toString(s));
        try {
            CudaTensor t = new CudaTensor(owner, dtype, s, b, releases, CleanerHolder.CLEANER);
            t.touch(epoch); // its block may have served another tensor until now
            return t;
        } catch (RuntimeException e) {
            release(b);
            throw e;
        }
    }

    /** Queues a zero fill of {@code bytes} bytes. */
    void zero(DeviceBlock b, long bytes) {
        if (bytes > 0) {
            Cu.check(JCudaDriver.cuMemsetD8Async(b.pointer(), (byte) 0, bytes, context.stream()), "cuMemsetD8Async");
        }
    }

    /** Device address of the status block's result (a double) and bad flag (an int). */
    long resultAddress() {
        return status.address() + RESULT_OFFSET;
    }

    long badAddress() {
        return status.address() + BAD_OFFSET;
    }

    /** Queues {@code *bad = INT_MAX} before a launch that checks its input. */
    void resetBad() {
        resetBad(status);
    }

    /** As {@link #resetBad()}, for the bad flag of another status-shaped block (a queued loss's slot). */
    void resetBad(DeviceBlock block) {
        Cu.check(JCudaDriver.cuMemsetD32Async(block.pointer().plus(BAD_OFFSET), NO_BAD, 1, context.stream()),
                "cuMemsetD32Async");
    }

    /** Waits for the queued work and reads the status block: {result, bad}. */
    StatusRead readStatus() {
        return readStatus(status);
    }

    /** As {@link #readStatus()}, for another status-shaped block. */
    StatusRead readStatus(DeviceBlock block) {
        ByteBuffer b = read(block, 0, STATUS_BYTES);
        return new StatusRead(b.getDouble((int) RESULT_OFFSET), b.getInt((int) BAD_OFFSET));
    }

    /** One element of a tensor (to word an error about bad input), after the queued work. */
    double element(CudaTensor t, long index) {
        DeviceBlock b = t.block("read", "tensor");
        ByteBuffer buf = read(b, index * t.dtype().byteSize(), t.dtype().byteSize());
        return t.dtype() == DType.F32 ? buf.getFloat(0) : buf.getDouble(0);
    }

    private ByteBuffer read(DeviceBlock b, long offset, long bytes) {
        requireNotRecording("reading a value back");
        Cu.check(JCudaDriver.cuMemcpyDtoHAsync(readback.pointer(), b.pointer().plus(offset), bytes, context.stream()),
                "cuMemcpyDtoHAsync");
        context.synchronize();
        return readback.buffer();
    }

    /** The status block's two values. */
    record StatusRead(double result, int bad) {
        boolean hasBad() {
            return bad != NO_BAD;
        }
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * Waits for queued work, then frees all device memory, the staging buffers, the cuBLAS handle,
     * the stream and the module, and releases the context. Later use throws; closing twice is harmless.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<RuntimeException> errors = new ArrayList<>();
            run(errors, context::makeCurrent);
            run(errors, context::synchronize);
            for (CudaRecording r : List.copyOf(recordings)) {
                r.markClosed();
                run(errors, r::destroyGraph);
            }
            recordings.clear();
            releases.close();
            run(errors, allocator::close);
            run(errors, transfers::close);
            run(errors, readback::close);
            run(errors, cublas::close);
            run(errors, context::close);
            if (!errors.isEmpty()) {
                RuntimeException first = errors.getFirst();
                errors.stream().skip(1).forEach(first::addSuppressed);
                throw first;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    private static void run(List<RuntimeException> errors, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            errors.add(e);
        }
    }

    /** One Cleaner thread for every kernel, started on first use, not at class initialisation. */
    private static final class CleanerHolder {
        static final Cleaner CLEANER = Cleaner.create();
    }
}
