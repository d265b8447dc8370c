package io.densekit.kernel;

import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * Minibatches of a host data set, sent from the host batch by batch. In order, a batch is a view of
 * rows {@code [from, to)} (made once per batch and kept), handed over as it is to a kernel that
 * {@linkplain Kernel#readsHostMemory reads host memory} and copied into a reused kernel buffer
 * otherwise; shuffled, its rows are gathered by the kernel's {@link Kernel#copyRowsFromHost} into
 * a reused buffer ({@link BatchBuffers}). Steady-state epochs allocate nothing.
 */
public final class StreamedBatches implements BatchFeed {
    private final Kernel kernel;
    private final HostTensor data;
    private final int batchRows;
    private final HostTensor[] views;
    private final BatchBuffers buffers;

    public StreamedBatches(Kernel kernel, HostTensor data, int batchRows) {
        this.kernel = kernel;
        this.data = data;
        this.batchRows = batchRows;
        this.views = new HostTensor[(data.rows() + batchRows - 1) / batchRows];
        this.buffers = new BatchBuffers(kernel, data.dtype(), data.cols(), batchRows);
    }

    @Override
    public Tensor batch(int[] order, int from, int to) {
        if (order != null) {
            Tensor t = buffers.next(to - from);
            kernel.copyRowsFromHost(data, order, from, t);
            return t;
        }
        int index = from / batchRows;
        if (views[index] == null) {
            views[index] = data.rowSlice(from, to);
        }
        if (kernel.readsHostMemory()) {
            return views[index];
        }
        Tensor t = buffers.next(to - from);
        kernel.copyFromHost(views[index], t);
        return t;
    }

    @Override
    public void close() {
        buffers.close();
    }
}
