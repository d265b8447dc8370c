package io.densekit.kernel.cuda;

import io.densekit.kernel.BatchStep;
import io.densekit.kernel.DataPlacement;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRunner;
import io.densekit.kernel.StreamedPlacement;
import io.densekit.kernel.TrainingSupport;
import io.densekit.tensor.Tensor;

/**
 * The cuda kernel's training policy ({@link CudaKernel#training()}):
 * <ul>
 *   <li>data sets stay in device memory for a fit of more than one epoch when they fit
 *       ({@link CudaKernel#keepsResident}): {@link ResidentPlacement}; otherwise every batch goes up
 *       from the host through the pinned staging buffers ({@link StreamedPlacement}). With one epoch
 *       every row goes up once either way, and batch uploads overlap the steps;</li>
 *   <li>with CUDA graphs on, full-batch steps are recorded and replayed ({@link RecordedSteps});
 *       otherwise each runs as it comes;</li>
 *   <li>losses are queued ({@link CudaKernel#lossAsync}), so a step waits for the device once, at its end.</li>
 * </ul>
 * Holds no state of its own between fits; safe to use from any thread, as the kernel is.
 */
final class CudaTraining implements TrainingSupport {
    private final CudaKernel kernel;

    CudaTraining(CudaKernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public DataPlacement placement(long bytes, int epochs) {
        return epochs > 1 && kernel.keepsResident(bytes)
                ? new ResidentPlacement(kernel)
                : new StreamedPlacement(kernel);
    }

    @Override
    public StepRunner steps(BatchStep step, int batchRows) {
        return kernel.recorder().<StepRunner>map(r -> new RecordedSteps(r, step, batchRows))
                .orElseGet(() -> StepRunner.eager(step));
    }

    @Override
    public PendingLoss queueLoss(LossKind kind, Tensor pred, Tensor target) {
        return kernel.lossAsync(kind, pred, target);
    }
}
