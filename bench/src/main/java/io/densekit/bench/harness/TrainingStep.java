package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.Sequential;
import io.densekit.optim.Sgd;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A model, an optimizer and one batch already in the kernel's memory, so that a run times the step
 * itself through the API users train with: {@code forward}, the loss and its gradient, {@code backward},
 * the optimizer. The loss value is read every step, as a training loop reads it.
 */
final class TrainingStep implements Workload.Prepared {
    private static final double LEARNING_RATE = 0.01;
    private final Kernel kernel;
    private final LossKind loss;
    private final Sequential model;
    private final Sgd optimizer;
    private final Tensor x;
    private final Tensor y;
    private final Tensor grad;
    private double lastLoss;

    TrainingStep(Kernel kernel, DType dtype, StepWorkload w) {
        this.kernel = kernel;
        this.loss = w.loss();
        this.model = Sequential.of(w.model(), kernel, dtype, 1);
        this.optimizer = new Sgd(kernel, SgdParams.plain(LEARNING_RATE));
        SplittableRandom random = new SplittableRandom(2);
        int outputs = w.model().outputWidth();
        this.x = kernel.upload(GemmWorkload.uniform(dtype, random, w.batch(), w.model().inputWidth()));
        this.y = kernel.upload(targets(dtype, random, w.batch(), outputs));
        this.grad = kernel.allocate(dtype, w.batch(), outputs);
    }

    private HostTensor targets(DType dtype, SplittableRandom random, int batch, int outputs) {
        if (loss.acceptsClassIndices() && outputs > 1) {
            HostTensor t = HostTensor.zeros(dtype, batch, 1);
            for (int i = 0; i < batch; i++) {
                t.setFlat(i, random.nextInt(outputs));
            }
            return t;
        }
        return GemmWorkload.uniform(dtype, random, batch, outputs);
    }

    @Override
    public void run() {
        Tensor out = model.forward(x);
        lastLoss = kernel.loss(loss, out, y);
        kernel.lossGradient(loss, out, y, grad);
        model.backward(grad);
        optimizer.step(model.parameters());
        kernel.synchronize();
    }

    /** The loss of the last step (a sanity check for tests: training on a kernel gives finite losses). */
    double lastLoss() {
        return lastLoss;
    }

    @Override
    public void close() {
        optimizer.close();
        model.close();
        x.close();
        y.close();
        grad.close();
    }
}
