package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.tensor.Tensor;
import java.util.Arrays;

/**
 * The device-side table a multi-tensor launch reads (kernels-cuda/src/main/cuda/optim.cuh: five 64-bit
 * entries per tensor, {param, grad, state0, state1, n}). A trainer updates the same tensors every
 * step, so the table is uploaded only when its contents change; the host copy is kept to compare.
 * Used under the kernel's lock.
 */
final class TensorTable {
    static final int STRIDE = 5;

    private final CudaRuntime rt;
    private final Operands operands;
    private final String what;
    private long[] filling = new long[0];
    private long[] uploaded = new long[0];
    private int uploadedLength = -1;
    private DeviceBlock block;

    /** @param what the operation the table serves, for messages, e.g. "sgdUpdateAll" */
    TensorTable(CudaRuntime rt, Operands operands, String what) {
        this.rt = rt;
        this.operands = operands;
        this.what = what;
    }

    /**
     * Fills the first {@code count} rows: the addresses of each parameter, its gradient and up to
     * two state tensors (a null array gives 0 addresses), and its element count; then call
     * {@link #commit}. Returns the largest element count (0: there is nothing to update).
     */
    long fill(int count, Tensor[] params, Tensor[] grads, Tensor[] state0, String state0Name, Tensor[] state1,
              String state1Name) {
        if (filling.length < count * STRIDE) {
            filling = new long[count * STRIDE];
        }
        long maxN = 0;
        for (int i = 0; i < count; i++) {
            set(i, operands.address(params[i], what, "param"), operands.address(grads[i], what, "grad"),
                    state0 == null ? 0 : operands.address(state0[i], what, state0Name),
                    state1 == null ? 0 : operands.address(state1[i], what, state1Name), params[i].size());
            maxN = Math.max(maxN, params[i].size());
        }
        return maxN;
    }

    private void set(int i, long param, long grad, long state0, long state1, long n) {
        int o = i * STRIDE;
        filling[o] = param;
        filling[o + 1] = grad;
        filling[o + 2] = state0;
        filling[o + 3] = state1;
        filling[o + 4] = n;
    }

    /** The device address of a table holding the first {@code count} entries set, uploading if they changed. */
    long commit(int count) {
        int len = count * STRIDE;
        if (len == uploadedLength && Arrays.equals(filling, 0, len, uploaded, 0, len)) {
            return block.address();
        }
        rt.requireNotRecording(what + " on other tensors than last time (its table must be uploaded)");
        long bytes = (long) len * Long.BYTES;
        if (block == null || block.bytes() < bytes) {
            if (block != null) {
                rt.release(block); // reused only by work queued after this, on the same stream
            }
            block = null;
            block = rt.allocator.allocate(bytes, () -> what + "'s tensor table");
        }
        rt.transfers.uploadLongs(filling, len, block.pointer());
        if (uploaded.length < len) {
            uploaded = new long[len];
        }
        System.arraycopy(filling, 0, uploaded, 0, len);
        uploadedLength = len;
        return block.address();
    }
}
