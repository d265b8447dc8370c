package io.densekit.kernel;

import io.densekit.tensor.Tensor;

/**
 * The default {@link TrainingSupport}, for kernels that compute as they are called: every batch
 * comes from the host data set ({@link StreamedPlacement}: a view of its rows, or its rows gathered
 * into a reused buffer), each step runs as it comes, and its loss is computed at once.
 */
public final class EagerTraining implements TrainingSupport {
    private final Kernel kernel;

    public EagerTraining(Kernel kernel) {
        this.kernel = kernel;
    }

    /** From the host whatever the size or epochs: a host kernel's memory is the host's. */
    @Override
    public DataPlacement placement(long bytes, int epochs) {
        return new StreamedPlacement(kernel);
    }

    @Override
    public StepRunner steps(BatchStep step, int batchRows) {
        return StepRunner.eager(step);
    }

    @Override
    public PendingLoss queueLoss(LossKind kind, Tensor pred, Tensor target) {
        double value = kernel.loss(kind, pred, target);
        return () -> value;
    }
}
