package io.densekit.nn;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Typed construction of a {@link ModelSpec}, layer by layer, from {@link Sequential#builder(int)}:
 * <pre>{@code
 * Sequential m = Sequential.builder(784).dense(128, Activation.RELU).dense(10).build(kernel, DType.F32, 42);
 * // the same spec and the same initial weights as Sequential.of("784,128:relu,10", kernel, DType.F32, 42)
 * }</pre>
 * Each call checks its argument at once, so a mistake names the layer it is in.
 */
public final class ModelBuilder {
    private final int inputWidth;
    private final List<ModelSpec.LayerSpec> layers = new ArrayList<>();

    ModelBuilder(int inputWidth) {
        if (inputWidth <= 0) {
            throw new IllegalArgumentException("the input width must be positive, got " + inputWidth);
        }
        this.inputWidth = inputWidth;
    }

    /** A linear Dense layer of {@code units} outputs. */
    public ModelBuilder dense(int units) {
        return dense(units, Activation.IDENTITY);
    }

    /** A Dense layer of {@code units} outputs followed by {@code activation}. */
    public ModelBuilder dense(int units, Activation activation) {
        int index = layers.size() + 1;
        if (units <= 0) {
            throw new IllegalArgumentException("layer " + index + ": the width must be positive, got " + units);
        }
        Objects.requireNonNull(activation, () -> "layer " + index + ": activation is null; use Activation.IDENTITY"
                + " (or dense(units)) for a linear layer");
        layers.add(new ModelSpec.LayerSpec(units, activation));
        return this;
    }

    /** The spec so far; its {@link ModelSpec#toString()} is the string {@link ModelSpec#parse} reads back. */
    public ModelSpec spec() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("the model has no layer; add one with dense(units) before building");
        }
        return new ModelSpec(inputWidth, layers);
    }

    /** {@link Sequential#of(ModelSpec, Kernel, DType, long)} of {@link #spec()}. */
    public Sequential build(Kernel kernel, DType dtype, long seed) {
        return Sequential.of(spec(), kernel, dtype, seed);
    }
}
