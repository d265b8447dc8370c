package io.densekit.train;

import io.densekit.kernel.BatchStep;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.TrainingSupport;
import io.densekit.nn.Sequential;
import io.densekit.internal.Workspace;
import io.densekit.tensor.Tensor;

/**
 * The work of one batch in a fit, up to the optimizer update: forward, queued loss, loss gradient
 * (the mean over the batch's rows) and backward, which leaves the batch's gradients in the model's
 * parameters. The trainer hands it to the kernel's step runner, which runs it as it comes or
 * records and replays it; it reads nothing back, so it can be recorded.
 */
final class BatchGradients implements BatchStep {
    private final Sequential model;
    private final Kernel kernel;
    private final TrainingSupport support;
    private final LossKind loss;
    private final Workspace lossGrads;

    BatchGradients(Sequential model, TrainingSupport support, LossKind loss) {
        this.model = model;
        this.kernel = model.kernel();
        this.support = support;
        this.loss = loss;
        this.lossGrads = new Workspace(kernel, model.dtype(), model.outputWidth());
    }

    @Override
    public PendingLoss queue(Tensor x, Tensor y) {
        Tensor out = model.forward(x);
        PendingLoss pending = support.queueLoss(loss, out, y);
        Tensor grad = lossGrads.get(x.rows());
        kernel.lossGradient(loss, out, y, grad);
        model.backward(grad);
        return pending;
    }

    /** Releases the loss-gradient buffers. */
    @Override
    public void close() {
        lossGrads.close();
    }
}
