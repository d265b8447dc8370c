package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.driver.Cu;
import io.densekit.kernel.cuda.driver.DeviceContext;
import io.densekit.kernel.cuda.driver.DevicePointer;
import io.densekit.kernel.cuda.driver.PinnedBuffer;
import io.densekit.kernel.cuda.driver.StreamHandle;
import io.densekit.kernel.cuda.memory.Chunks;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.JCudaDriver;

/**
 * Host-device copies through a ring of two pinned staging buffers. An upload copies the host array
 * into a staging buffer and queues an asynchronous copy on the stream, so it returns before the
 * device has the data and the host can prepare the next batch while the device computes; the
 * buffer is reused only after the event recorded behind its copy has fired. A download waits for
 * its copy. Copies larger than {@link #MAX_CHUNK_BYTES} go in chunks.
 */
final class Transfers implements AutoCloseable {
    static final long MAX_CHUNK_BYTES = 16L << 20;
    private static final long MIN_STAGING_BYTES = 64L << 10;

    private final DeviceContext context;
    private final Slot[] ring = {new Slot(), new Slot()};
    private int next;
    private final ComputeMarkers markers;
    private final CUevent copied;

    /** One staging buffer and the event behind its last copy. */
    private static final class Slot {
        PinnedBuffer buffer;
        CUevent done;
        boolean pending;
    }

    Transfers(DeviceContext context) {
        this.context = context;
        this.markers = new ComputeMarkers(context);
        this.copied = ComputeMarkers.newEvent();
    }

    /**
     * Queues a copy of {@code src} into a tensor's memory on the copy stream, so that it overlaps
     * the compute stream's work, and returns once the host data is staged (src may be reused).
     * The copy waits only for the compute work up to {@code dstLastUse} (the last operation that
     * used the destination, see CudaTensor#lastUse) and the compute stream waits for the copy
     * before anything queued after this call. So a trainer's upload of batch k + 1 into the buffer
     * step k - 1 read runs while step k computes.
     *
     * @param epochNow the number of the operation in progress (its own work is not queued yet)
     */
    void uploadBeside(HostTensor src, DevicePointer dst, long dstLastUse, long epochNow) {
        StreamHandle copy = afterLastUse(dstLastUse, epochNow);
        copyChunks(src, dst, copy);
        beforeNextUse(copy, epochNow);
    }

    /**
     * As {@link #uploadBeside}, for rows {@code order[from]}, ... ({@code rows} of them) of src,
     * gathered straight into the staging buffers (one host copy, not a gather and then a copy).
     */
    void uploadRowsBeside(HostTensor src, int[] order, int from, int rows, DevicePointer dst, long dstLastUse,
                          long epochNow) {
        StreamHandle copy = afterLastUse(dstLastUse, epochNow);
        copyRowChunks(src, order, from, rows, dst, copy);
        beforeNextUse(copy, epochNow);
    }

    /** The copy stream, waiting for the compute marker behind the destination's last use. */
    private StreamHandle afterLastUse(long dstLastUse, long epochNow) {
        StreamHandle copy = context.copyStream();
        CUevent ready = markers.covering(Math.min(dstLastUse, epochNow - 1), epochNow - 1);
        Cu.check(JCudaDriver.cuStreamWaitEvent(copy, ready, 0), "cuStreamWaitEvent");
        return copy;
    }

    /** Makes the compute stream wait for the copy before anything queued later. */
    private void beforeNextUse(StreamHandle copy, long epochNow) {
        Cu.check(JCudaDriver.cuEventRecord(copied, copy), "cuEventRecord");
        Cu.check(JCudaDriver.cuStreamWaitEvent(context.stream(), copied, 0), "cuStreamWaitEvent");
        markers.record(epochNow - 1);
    }

    /** Whole rows per staging chunk (at least one, however wide). */
    private void copyRowChunks(HostTensor src, int[] order, int from, int rows, DevicePointer dst,
                               StreamHandle stream) {
        DType dt = src.dtype();
        int cols = src.cols();
        long rowBytes = (long) cols * dt.byteSize();
        if (rowBytes == 0) {
            return;
        }
        int perChunk = (int) Math.max(1, Math.min(rows, MAX_CHUNK_BYTES / rowBytes));
        for (int r0 = 0; r0 < rows; r0 += perChunk) {
            int n = Math.min(perChunk, rows - r0);
            long bytes = n * rowBytes;
            Slot s = acquire(bytes);
            ByteBuffer b = s.buffer.buffer().clear();
            if (dt == DType.F32) {
                FloatBuffer f = b.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    f.put(src.floatArray(), (int) (src.offset() + (long) order[from + r0 + i] * cols), cols);
                }
            } else {
                DoubleBuffer d = b.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    d.put(src.doubleArray(), (int) (src.offset() + (long) order[from + r0 + i] * cols), cols);
                }
            }
            Cu.check(JCudaDriver.cuMemcpyHtoDAsync(dst.plus(r0 * rowBytes), s.buffer.pointer(), bytes, stream),
                    "cuMemcpyHtoDAsync");
            record(s, stream);
        }
    }

    private void copyChunks(HostTensor src, DevicePointer dst, StreamHandle stream) {
        DType dt = src.dtype();
        Chunks chunks = new Chunks(src.size(), MAX_CHUNK_BYTES / dt.byteSize());
        for (int i = 0; i < chunks.count(); i++) {
            long start = chunks.start(i);
            int len = (int) chunks.length(i);
            long bytes = (long) len * dt.byteSize();
            Slot s = acquire(bytes);
            ByteBuffer b = s.buffer.buffer().clear();
            int from = src.offset() + (int) start;
            if (dt == DType.F32) {
                b.asFloatBuffer().put(src.floatArray(), from, len);
            } else {
                b.asDoubleBuffer().put(src.doubleArray(), from, len);
            }
            Cu.check(JCudaDriver.cuMemcpyHtoDAsync(dst.plus(start * dt.byteSize()), s.buffer.pointer(), bytes,
                    stream), "cuMemcpyHtoDAsync");
            record(s, stream);
        }
    }

    /** Queues a copy of {@code src[0..len)} (a small table of 64-bit values) to {@code dst}, on the compute stream. */
    void uploadLongs(long[] src, int len, DevicePointer dst) {
        long bytes = (long) len * Long.BYTES;
        if (bytes > MAX_CHUNK_BYTES) {
            throw new IllegalArgumentException("a table of " + len + " values is larger than one staging chunk");
        }
        Slot s = acquire(bytes);
        s.buffer.buffer().clear().asLongBuffer().put(src, 0, len);
        queueOnCompute(s, dst, bytes);
    }

    /**
     * Queues a copy of {@code src[from..from + len)} (row numbers) to {@code dst}, on the compute
     * stream: so it lands after the work queued before it (which may still read dst) and before
     * the work queued after it.
     */
    void uploadInts(int[] src, int from, int len, DevicePointer dst) {
        int perChunk = (int) (MAX_CHUNK_BYTES / Integer.BYTES);
        for (int done = 0; done < len; done += perChunk) {
            int n = Math.min(perChunk, len - done);
            Slot s = acquire((long) n * Integer.BYTES);
            s.buffer.buffer().clear().asIntBuffer().put(src, from + done, n);
            queueOnCompute(s, done == 0 ? dst : dst.plus((long) done * Integer.BYTES), (long) n * Integer.BYTES);
        }
    }

    private void queueOnCompute(Slot s, DevicePointer dst, long bytes) {
        Cu.check(JCudaDriver.cuMemcpyHtoDAsync(dst, s.buffer.pointer(), bytes, context.stream()), "cuMemcpyHtoDAsync");
        record(s);
    }

    /** Copies {@code src} into {@code dst} once the queued work before it is done. */
    void download(DevicePointer src, HostTensor dst) {
        DType dt = dst.dtype();
        Chunks chunks = new Chunks(dst.size(), MAX_CHUNK_BYTES / dt.byteSize());
        for (int i = 0; i < chunks.count(); i++) {
            long start = chunks.start(i);
            int len = (int) chunks.length(i);
            long bytes = (long) len * dt.byteSize();
            Slot s = acquire(bytes);
            Cu.check(JCudaDriver.cuMemcpyDtoHAsync(s.buffer.pointer(), src.plus(start * dt.byteSize()), bytes,
                    context.stream()), "cuMemcpyDtoHAsync");
            record(s);
            await(s);
            ByteBuffer b = s.buffer.buffer().clear();
            int to = dst.offset() + (int) start;
            if (dt == DType.F32) {
                b.asFloatBuffer().get(dst.floatArray(), to, len);
            } else {
                b.asDoubleBuffer().get(dst.doubleArray(), to, len);
            }
        }
    }

    /** The next slot, idle and at least {@code bytes} large. */
    private Slot acquire(long bytes) {
        Slot s = ring[next];
        next = (next + 1) % ring.length;
        await(s);
        if (s.buffer == null || s.buffer.bytes() < bytes) {
            if (s.buffer != null) {
                s.buffer.close();
            }
            s.buffer = null;
            s.buffer = new PinnedBuffer(Math.max(MIN_STAGING_BYTES, Long.highestOneBit(Math.max(1, bytes - 1)) << 1));
        }
        if (s.done == null) {
            s.done = new CUevent();
            Cu.check(JCudaDriver.cuEventCreate(s.done, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
        }
        return s;
    }

    private void record(Slot s) {
        record(s, context.stream());
    }

    private void record(Slot s, StreamHandle stream) {
        Cu.check(JCudaDriver.cuEventRecord(s.done, stream), "cuEventRecord");
        s.pending = true;
    }

    private static void await(Slot s) {
        if (s.pending) {
            s.pending = false;
            Cu.check(JCudaDriver.cuEventSynchronize(s.done), "cuEventSynchronize");
        }
    }

    @Override
    public void close() {
        markers.close();
        JCudaDriver.cuEventDestroy(copied);
        for (Slot s : ring) {
            if (s.pending) {
                JCudaDriver.cuEventSynchronize(s.done);
            }
            if (s.buffer != null) {
                s.buffer.close();
                s.buffer = null;
            }
            if (s.done != null) {
                JCudaDriver.cuEventDestroy(s.done);
                s.done = null;
            }
        }
    }
}
