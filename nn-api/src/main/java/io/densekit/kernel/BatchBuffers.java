package io.densekit.kernel;

import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;

/**
 * Reused kernel buffers for one data set's minibatches: one for full batches and one for the
 * shorter last batch, in two sets used in turn, so the buffer a call returns is not written again
 * until the call after next (the trainer fetches batch k + 1 while the kernel may still be
 * computing step k). Made on first use; closing releases them.
 */
public final class BatchBuffers implements AutoCloseable {
    private final Kernel kernel;
    private final DType dtype;
    private final int cols;
    private final int batchRows;
    private final Tensor[] full = new Tensor[2];
    private final Tensor[] last = new Tensor[2];
    private int turn;

    public BatchBuffers(Kernel kernel, DType dtype, int cols, int batchRows) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.cols = cols;
        this.batchRows = batchRows;
    }

    /** The next turn's buffer of {@code [rows, cols]}. */
    public Tensor next(int rows) {
        turn ^= 1;
        Tensor[] kind = rows == batchRows ? full : last;
        if (kind[turn] == null || kind[turn].rows() != rows) {
            if (kind[turn] != null) {
                kind[turn].close();
            }
            kind[turn] = kernel.allocate(dtype, rows, cols);
        }
        return kind[turn];
    }

    @Override
    public void close() {
        for (Tensor[] kind : new Tensor[][] {full, last}) {
            for (int i = 0; i < 2; i++) {
                if (kind[i] != null) {
                    kind[i].close();
                    kind[i] = null;
                }
            }
        }
    }
}
