package io.densekit.kernel;

import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Optional;

/**
 * Where one fit's data sets live while it runs ({@link TrainingSupport#placement}): it hands out a
 * {@link BatchFeed} per training data set and, where it keeps data in kernel memory, a kept copy
 * of the validation set. Closing it releases everything it made (feeds and kept copies). A
 * placement and its feeds serve one fit, on the thread that runs it.
 */
public interface DataPlacement extends AutoCloseable {

    /**
     * The minibatches of {@code data} (a training data set in the model's dtype) for batches of
     * {@code batchRows} rows.
     */
    BatchFeed batches(HostTensor data, int batchRows);

    /**
     * A copy of {@code data} in kernel memory for the whole fit, where this placement keeps data
     * there (the trainer then evaluates the validation set without sending it again); empty where
     * data is read from the host. The copy is released with the placement.
     */
    Optional<Tensor> keep(HostTensor data);

    @Override
    void close();
}
