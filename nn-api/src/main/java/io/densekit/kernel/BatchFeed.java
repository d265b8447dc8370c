package io.densekit.kernel;

import io.densekit.tensor.Tensor;

/**
 * The minibatches of one data set as tensors the kernel can read ({@link DataPlacement#batches}).
 * A feed may hand out buffers it reuses, in pairs used in turn: the tensor of a call stays valid
 * until the call after next, so a trainer can fetch batch k + 1 while the kernel may still be
 * computing step k on batch k.
 */
public interface BatchFeed extends AutoCloseable {

    /** Rows {@code order[from..to)} of the data set, or rows {@code [from, to)} when order is null. */
    Tensor batch(int[] order, int from, int to);

    @Override
    void close();
}
