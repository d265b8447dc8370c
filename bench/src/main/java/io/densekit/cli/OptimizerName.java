package io.densekit.cli;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import io.densekit.train.OptimizerSpec;
import java.util.Locale;

/** The values of {@code densekit train --optimizer}, and the optimizer each builds from the other options. */
enum OptimizerName {
    SGD, ADAM;

    static OptimizerName parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "sgd" -> SGD;
            case "adam" -> ADAM;
            default -> throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd or adam");
        };
    }

    /**
     * The optimizer with the command line's learning rate, weight decay and (SGD only) momentum;
     * everything else at PyTorch's defaults (no dampening or Nesterov; Adam's betas and eps).
     */
    OptimizerSpec spec(double lr, double momentum, double weightDecay) {
        return switch (this) {
            case SGD -> OptimizerSpec.sgd(new SgdParams(lr, momentum, 0, false, weightDecay));
            case ADAM -> {
                AdamParams torch = AdamParams.defaults(lr);
                yield OptimizerSpec.adam(new AdamParams(lr, torch.beta1(), torch.beta2(), torch.eps(), weightDecay));
            }
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
