package io.densekit.kernel;

import io.densekit.tensor.Tensor;

/**
 * Runs a fit's {@link BatchStep} on each batch ({@link TrainingSupport#steps}). The default runs it
 * as it comes; the cuda kernel's may record it once per input buffer and replay the recording.
 * Closing it releases what it recorded. A runner serves one fit, on the thread that runs it.
 */
public interface StepRunner extends AutoCloseable {

    /** The step on batch {@code x} with targets {@code y}, queued; returns its queued loss. */
    PendingLoss run(Tensor x, Tensor y);

    @Override
    void close();

    /** The runner that queues {@code step} on each batch as it comes: nothing recorded, nothing to release. */
    static StepRunner eager(BatchStep step) {
        return new StepRunner() {
            @Override
            public PendingLoss run(Tensor x, Tensor y) {
                return step.queue(x, y);
            }

            @Override
            public void close() {
            }
        };
    }
}
