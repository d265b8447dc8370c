package io.densekit.kernel;

import io.densekit.tensor.Tensor;

/**
 * The work of one training step on one batch up to the optimizer update: forward, queued loss,
 * loss gradient and backward, leaving the gradients where the optimizer reads them. Given by the
 * trainer to {@link TrainingSupport#steps}, whose runner decides how it is run (as it comes, or
 * recorded once and replayed).
 */
@FunctionalInterface
public interface BatchStep extends AutoCloseable {

    /** Queues the step on batch {@code x} with targets {@code y} and returns its queued loss. */
    PendingLoss queue(Tensor x, Tensor y);

    /** Releases what the step keeps between batches (its buffers); its owner calls it after the fit. */
    @Override
    default void close() {
    }
}
