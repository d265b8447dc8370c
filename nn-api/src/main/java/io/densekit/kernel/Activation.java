package io.densekit.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Element-wise and row-wise activations. Every backward pass is written in terms of the activation's
 * output {@code a}, so a layer keeps only its output between forward and backward.
 */
public enum Activation {
    /** a = z; the layer is linear. */
    IDENTITY("linear"),
    /** a = max(z, 0); backward passes the gradient where a > 0 (PyTorch's convention at 0). */
    RELU("relu"),
    /** a = 1 / (1 + e^-z); da/dz = a (1 - a). */
    SIGMOID("sigmoid"),
    /** a = tanh z; da/dz = 1 - a^2. */
    TANH("tanh"),
    /** a = softmax over each row; backward is the full Jacobian-vector product a * (g - sum(g a)). */
    SOFTMAX("softmax"),
    /** a = log-softmax over each row; backward is g - e^a * sum(g). */
    LOG_SOFTMAX("logsoftmax");

    private final String specName;

    Activation(String specName) {
        this.specName = specName;
    }

    /** The name used in model specs and on the command line. */
    public String specName() {
        return specName;
    }

    /** True for activations that mix the values of a row (softmax, log-softmax). */
    public boolean isRowWise() {
        return this == SOFTMAX || this == LOG_SOFTMAX;
    }

    /** Parses a spec name: linear (or identity, none), relu, sigmoid, tanh, softmax, logsoftmax (or log_softmax). */
    public static Activation parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return switch (n) {
            case "linear", "identity", "none" -> IDENTITY;
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            case "tanh" -> TANH;
            case "softmax" -> SOFTMAX;
            case "logsoftmax" -> LOG_SOFTMAX;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(Activation::specName).collect(Collectors.joining(", ")));
        };
    }
}
