package io.densekit.kernel;

import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Optional;

/**
 * Data sets stay on the host and every minibatch is sent from there ({@link StreamedBatches}); the
 * validation set too is read from the host. The placement of every host kernel, and of a kernel
 * with memory of its own when its data does not stay there.
 */
public final class StreamedPlacement extends OwningPlacement {
    private final Kernel kernel;

    public StreamedPlacement(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public BatchFeed batches(HostTensor data, int batchRows) {
        return own(new StreamedBatches(kernel, data, batchRows));
    }

    /** Nothing is kept: the validation set is read from the host. */
    @Override
    public Optional<Tensor> keep(HostTensor data) {
        return Optional.empty();
    }
}
