package io.densekit.nn;

import io.densekit.tensor.Tensor;

/**
 * A trainable tensor and its gradient, both in the model's kernel memory. The gradient is
 * overwritten (not accumulated) by every backward pass.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    public Parameter(String name, Tensor value, Tensor grad) {
        this.name = name;
        this.value = value;
        this.grad = grad;
    }

    /** "weight" or "bias". */
    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }
}
