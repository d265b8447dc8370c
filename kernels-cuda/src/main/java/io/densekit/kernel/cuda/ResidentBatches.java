package io.densekit.kernel.cuda;

import io.densekit.kernel.BatchBuffers;
import io.densekit.kernel.BatchFeed;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * Minibatches cut in device memory from a copy of the data set uploaded once: each batch is one
 * gather launch ({@link CudaKernel#copyRows}) into a reused buffer ({@link BatchBuffers}); the host
 * sends at most the batch's row numbers.
 */
final class ResidentBatches implements BatchFeed {
    private final CudaKernel kernel;
    private final BatchBuffers buffers;
    private final Tensor resident;

    ResidentBatches(CudaKernel kernel, HostTensor data, int batchRows) {
        this.kernel = kernel;
        this.buffers = new BatchBuffers(kernel, data.dtype(), data.cols(), batchRows);
        this.resident = kernel.upload(data);
    }

    @Override
    public Tensor batch(int[] order, int from, int to) {
        Tensor t = buffers.next(to - from);
        kernel.copyRows(resident, order, from, t);
        return t;
    }

    @Override
    public void close() {
        buffers.close();
        resident.close();
    }
}
