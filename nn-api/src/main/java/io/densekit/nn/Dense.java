package io.densekit.nn;

import io.densekit.internal.Workspace;
import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer with an optional activation: {@code a = act(x w^T + b)}, with w stored as
 * PyTorch stores it, {@code [out, in]}. Forward and backward each go to the kernel as one fused
 * call ({@link Kernel#denseForward}, {@link Kernel#denseBackward}).
 */
public final class Dense implements Layer {
    private final Kernel kernel;
    private final int in;
    private final int out;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;
    private final Workspace outputs;
    private final Workspace inputGrads;
    private Tensor lastInput;
    private Tensor lastOutput;

    /** A layer initialised as PyTorch's {@code nn.Linear}: w and b uniform in +-1/sqrt(in), from {@code random}. */
    public Dense(Kernel kernel, DType dtype, int in, int out, Activation activation, SplittableRandom random) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense layer widths must be positive, got " + in + " -> " + out);
        }
        this.kernel = kernel;
        this.in = in;
        this.out = out;
        this.activation = activation;
        double bound = 1.0 / Math.sqrt(in);
        this.weight = new Parameter("weight", kernel.upload(uniform(dtype, random, bound, out, in)),
                kernel.allocate(dtype, out, in));
        this.bias = new Parameter("bias", kernel.upload(uniform(dtype, random, bound, out)),
                kernel.allocate(dtype, out));
        this.outputs = new Workspace(kernel, dtype, out);
        this.inputGrads = new Workspace(kernel, dtype, in);
    }

    private static HostTensor uniform(DType dtype, SplittableRandom random, double bound, int... shape) {
        HostTensor t = HostTensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, random.nextDouble(-bound, bound));
        }
        return t;
    }

    public Activation activation() {
        return activation;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputWidth() {
        return in;
    }

    @Override
    public int outputWidth() {
        return out;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.cols() != in) {
            // The message is built only on failure: forward runs every step.
            Shapes.requireMatrix(describe() + " input", input, input.rows(), in);
        }
        Tensor a = outputs.get(input.rows());
        kernel.denseForward(input, weight.value(), bias.value(), activation, a);
        lastInput = input;
        lastOutput = a;
        return a;
    }

    @Override
    public void infer(Tensor input, Tensor output) {
        kernel.denseForward(input, weight.value(), bias.value(), activation, output);
    }

    @Override
    public Tensor backward(Tensor gradOutput, boolean needInputGradient) {
        if (lastOutput == null) {
            throw new IllegalStateException(describe() + ": backward before forward");
        }
        if (gradOutput.rows() != lastOutput.rows() || gradOutput.cols() != lastOutput.cols()) {
            Shapes.requireSameShape(describe() + " output gradient", gradOutput, lastOutput);
        }
        Tensor gradInput = needInputGradient ? inputGrads.get(gradOutput.rows()) : null;
        kernel.denseBackward(lastInput, weight.value(), lastOutput, activation, gradOutput,
                weight.grad(), bias.grad(), gradInput);
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public int torchModules() {
        return activation == Activation.IDENTITY ? 1 : 2;
    }

    @Override
    public String describe() {
        return "Dense(" + in + " -> " + out + (activation == Activation.IDENTITY ? "" : ", " + activation.specName()) + ")";
    }

    @Override
    public void close() {
        outputs.close();
        inputGrads.close();
        weight.value().close();
        weight.grad().close();
        bias.value().close();
        bias.grad().close();
    }
}
