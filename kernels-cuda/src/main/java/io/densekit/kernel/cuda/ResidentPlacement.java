package io.densekit.kernel.cuda;

import io.densekit.kernel.BatchFeed;
import io.densekit.kernel.OwningPlacement;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Optional;

/**
 * A fit's data sets kept in device memory for the whole fit: each training set is uploaded once and
 * its minibatches are cut there ({@link ResidentBatches}); the validation set is uploaded once and
 * evaluated there. Closing gives every copy back.
 */
final class ResidentPlacement extends OwningPlacement {
    private final CudaKernel kernel;

    ResidentPlacement(CudaKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public BatchFeed batches(HostTensor data, int batchRows) {
        return own(new ResidentBatches(kernel, data, batchRows));
    }

    @Override
    public Optional<Tensor> keep(HostTensor data) {
        return Optional.of(own(kernel.upload(data)));
    }
}
