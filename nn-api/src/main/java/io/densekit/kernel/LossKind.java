package io.densekit.kernel;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Losses with PyTorch's semantics and its default mean reduction.
 *
 * <p>Targets: MSE and BCE take targets of the prediction's shape. CROSS_ENTROPY and NLL take either
 * class indices (an {@code [n, 1]} tensor of whole numbers in the prediction's dtype) or dense
 * targets of the prediction's shape (one-hot or probabilities).
 */
public enum LossKind {
    /** mean((p - t)^2) over every element ({@code nn.MSELoss}). */
    MSE("mse"),
    /** Cross-entropy on logits ({@code nn.CrossEntropyLoss}): mean over rows of -sum(t * log_softmax(z)). */
    CROSS_ENTROPY("cross_entropy"),
    /** Negative log-likelihood on log-probabilities ({@code nn.NLLLoss}): mean over rows of -sum(t * p). */
    NLL("nll"),
    /** Binary cross-entropy on probabilities ({@code nn.BCELoss}), logs clamped at -100 as PyTorch does. */
    BCE("bce");

    private final String cliName;

    LossKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** True where targets may be class indices. */
    public boolean acceptsClassIndices() {
        return this == CROSS_ENTROPY || this == NLL;
    }

    public static LossKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace("-", "_");
        for (LossKind k : values()) {
            if (k.cliName.equals(n)) {
                return k;
            }
        }
        if (n.equals("crossentropy") || n.equals("ce")) {
            return CROSS_ENTROPY;
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of "
                + Arrays.stream(values()).map(LossKind::cliName).collect(Collectors.joining(", ")));
    }
}
