package io.densekit.nn;

import io.densekit.internal.Workspace;
import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.util.List;

/** An activation on its own, e.g. after the input or after another activation. Dense layers fuse theirs. */
public final class ActivationLayer implements Layer {
    private final Kernel kernel;
    private final int width;
    private final Activation activation;
    private final Workspace outputs;
    private Tensor lastOutput;

    public ActivationLayer(Kernel kernel, DType dtype, int width, Activation activation) {
        this.kernel = kernel;
        this.width = width;
        this.activation = activation;
        this.outputs = new Workspace(kernel, dtype, width);
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.cols() != width) {
            // The message is built only on failure: forward runs every step.
            Shapes.requireMatrix(describe() + " input", input, input.rows(), width);
        }
        Tensor a = outputs.get(input.rows());
        kernel.activationForward(activation, input, a);
        lastOutput = a;
        return a;
    }

    @Override
    public void infer(Tensor input, Tensor output) {
        kernel.activationForward(activation, input, output);
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        if (lastOutput == null) {
            throw new IllegalStateException(describe() + ": backward before forward");
        }
        if (gradOutput.rows() != lastOutput.rows() || gradOutput.cols() != lastOutput.cols()) {
            Shapes.requireSameShape(describe() + " output gradient", gradOutput, lastOutput);
        }
        if (!needInputGradient) {
            return null;
        }
        kernel.activationBackward(activation, lastOutput, gradOutput, gradOutput);
        return gradOutput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public int torchModules() {
        return 1;
    }

    @Override
    public String describe() {
        return "Activation(" + activation.specName() + ")";
    }

    @Override
    public void close() {
        outputs.close();
    }
}
