package io.densekit.nn;

import io.densekit.tensor.Tensor;
import java.util.List;

/**
 * One stage of a {@link Sequential}. A layer owns its output and gradient buffers (in kernel
 * memory) and keeps what its backward pass needs from the last forward pass: that is the training
 * path, for one thread. {@link #infer} is the inference path: it touches no layer state, so any
 * number of threads may run it at once on their own buffers.
 */
public interface Layer extends AutoCloseable {

    int inputWidth();

    int outputWidth();

    /** Computes the layer's output for {@code input} ({@code [n, inputWidth]}); the result is the layer's buffer. */
    Tensor forward(Tensor input);

    /**
     * Writes the layer's output for {@code input} ({@code [n, inputWidth]}) into {@code output}
     * ({@code [n, outputWidth]}), reading only the parameters: the same kernel call as
     * {@link #forward}, so the same bits, without remembering anything for a backward pass.
     */
    void infer(Tensor input, Tensor output);

    /**
     * Given dL/d(output) of the last forward pass, computes the parameter gradients and returns
     * dL/d(input), or null when {@code needInputGradient} is false. May overwrite {@code gradOutput}.
     */
    Tensor backward(Tensor gradOutput, boolean needInputGradient);

    /** Trainable parameters, in PyTorch's order (weight, then bias). */
    List<Parameter> parameters();

    /** How many modules of a PyTorch {@code nn.Sequential} this layer stands for (for state_dict names). */
    int torchModules();

    /** E.g. "Dense(6 -> 32, tanh)". */
    String describe();

    @Override
    void close();
}
