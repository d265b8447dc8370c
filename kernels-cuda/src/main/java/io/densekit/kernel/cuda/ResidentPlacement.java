package io.densekit.kernel.cuda;

import io.densekit.kernel.BatchFeed;
import io.densekit.kernel.DataPlacement;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fit's data sets kept in device memory for the whole fit: each training set is uploaded once and
 * its minibatches are cut there ({@link ResidentBatches}); the validation set is uploaded once and
 * evaluated there. Closing gives every copy back.
 */
final class ResidentPlacement implements DataPlacement {
    private final CudaKernel kernel;
    private final List<BatchFeed> feeds = new ArrayList<>();
    private final List<Tensor> kept = new ArrayList<>();

    ResidentPlacement(CudaKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public BatchFeed batches(HostTensor data, int batchRows) {
        BatchFeed feed = new ResidentBatches(kernel, data, batchRows);
        feeds.add(feed);
        return feed;
    }

    @Override
    public Optional<Tensor> keep(HostTensor data) {
        Tensor t = kernel.upload(data);
        kept.add(t);
        return Optional.of(t);
    }

    @Override
    public void close() {
        feeds.forEach(BatchFeed::close);
        feeds.clear();
        kept.forEach(Tensor::close);
        kept.clear();
    }
}
