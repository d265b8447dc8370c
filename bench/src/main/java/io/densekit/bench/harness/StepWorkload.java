package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.util.List;

/** One training step of a model on a batch: forward, loss, backward, SGD update. */
public record StepWorkload(String name, ModelSpec model, LossKind loss, int batch) implements Workload {

    public StepWorkload {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
    }

    /** The standard training workloads: the seed MLP, an MNIST-sized MLP at two batches, a 1024-wide MLP. */
    public static List<StepWorkload> standard() {
        ModelSpec mnist = ModelSpec.parse("784,128:relu,64:relu,10");
        return List.of(
                new StepWorkload("seed", ModelSpec.parse("6,32:tanh,32:softmax,32:sigmoid,32:relu,3"), LossKind.MSE, 333),
                new StepWorkload("mnist", mnist, LossKind.CROSS_ENTROPY, 64),
                new StepWorkload("mnist", mnist, LossKind.CROSS_ENTROPY, 512),
                new StepWorkload("wide", ModelSpec.parse("1024,1024:relu,1024:relu,10"), LossKind.CROSS_ENTROPY, 256));
    }

    @Override
    public String op() {
        return "step";
    }

    @Override
    public String label() {
        return name + " b" + batch;
    }

    /** Weights times batch times 6: 2 for the forward product, 4 for the two backward products. */
    @Override
    public double flops() {
        double weights = 0;
        int width = model.inputWidth();
        for (ModelSpec.LayerSpec l : model.layers()) {
            weights += (double) width * l.units();
            width = l.units();
        }
        return 6.0 * batch * weights;
    }

    @Override
    public Prepared prepare(Kernel kernel, DType dtype) {
        return new TrainingStep(kernel, dtype, this);
    }
}
