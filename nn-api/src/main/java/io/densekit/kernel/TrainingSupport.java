package io.densekit.kernel;

import io.densekit.tensor.Tensor;

/**
 * A kernel's training policy, asked for through {@link Kernel#training()}: where a fit's data sets
 * live and how its minibatches reach the kernel ({@link #placement}), how each step runs
 * ({@link #steps}), and how a step's loss is read ({@link #queueLoss}). The trainer runs one loop
 * for every kernel and asks these three things; the answers are the kernel's.
 *
 * <p>The default, {@link EagerTraining}, is right for kernels whose memory is the host's. The cuda
 * kernel's own keeps data sets in device memory when they fit, queues losses so a step waits for
 * the device once, at its end, and, when asked to, records a step as a CUDA graph and replays it.
 * Whatever the answers, a fit's results are the same bits: they decide where numbers are copied
 * and when the host waits, never what is computed.
 *
 * <p>A support may be asked from any number of threads at once ({@link #queueLoss} serves
 * concurrent evaluations); what it hands out for a fit serves that fit alone.
 */
public interface TrainingSupport {

    /**
     * Where the data sets of one fit live while it runs. Called once per fit, before its first step.
     *
     * @param bytes  every data set of the fit in the model's dtype: training inputs and prepared
     *               targets, and the validation inputs with room for their targets
     * @param epochs the fit's passes over the training set (with one, every row is sent once
     *               whatever the placement)
     */
    DataPlacement placement(long bytes, int epochs);

    /**
     * The runner of a fit's steps. {@code step} is the work of one batch up to the optimizer update
     * (forward, queued loss, loss gradient, backward); {@code batchRows} is the fit's batch size, so a
     * runner can tell full batches (the same buffers every time) from the shorter last one.
     */
    StepRunner steps(BatchStep step, int batchRows);

    /**
     * The mean-reduced loss as {@link Kernel#loss} computes it, bit for bit, read later with
     * {@link PendingLoss#get()}: a device kernel returns at once, so a trainer can queue the
     * backward pass, the update and the next batch's upload before it waits. Shape and dtype
     * errors are thrown here; bad target values may be reported only by {@code get()}. Host
     * kernels compute the value now.
     */
    PendingLoss queueLoss(LossKind kind, Tensor pred, Tensor target);
}
