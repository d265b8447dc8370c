package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import java.util.Arrays;

/**
 * The row numbers a gather reads (dk_gather_rows's {@code idx}), in device memory. A trainer cuts
 * the inputs and then the targets of a batch with the same row numbers, so they are uploaded only
 * when they differ from the last ones (compared on the host, which keeps a copy). The upload goes on
 * the compute stream, behind the gathers that read the previous numbers. Used under the kernel's lock.
 */
final class RowIndex {
    private final CudaRuntime rt;
    private int[] uploaded = new int[0];
    private int length = -1;
    private DeviceBlock block;

    RowIndex(CudaRuntime rt) {
        this.rt = rt;
    }

    /** The device address of {@code order[from..from + rows)}, uploading them if they changed. */
    long commit(int[] order, int from, int rows) {
        if (rows == length && Arrays.equals(order, from, from + rows, uploaded, 0, rows)) {
            return block.address();
        }
        length = -1; // until the new numbers are queued (an out-of-memory error leaves nothing to reuse)
        long bytes = Math.max(1, (long) rows * Integer.BYTES);
        if (block == null || block.bytes() < bytes) {
            if (block != null) {
                rt.release(block); // reused only by work queued after this, on the same stream
            }
            block = null;
            block = rt.allocator.allocate(bytes, () -> "the row numbers of a gather of " + rows + " rows");
        }
        rt.transfers.uploadInts(order, from, rows, block.pointer());
        if (uploaded.length < rows) {
            uploaded = new int[rows];
        }
        System.arraycopy(order, from, uploaded, 0, rows);
        length = rows;
        return block.address();
    }
}
