package io.densekit.train;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.SgdParams;
import io.densekit.optim.Adam;
import io.densekit.optim.Optimizer;
import io.densekit.optim.Sgd;
import java.util.Objects;

/**
 * Which optimizer a fit uses, with its hyper-parameters as one typed value: SGD with
 * {@link SgdParams} or Adam with {@link AdamParams}. The params records validate themselves, so a
 * bad setting fails when the options are built, not at the first step.
 *
 * <pre>{@code
 * OptimizerSpec.sgd(0.01)                                   // plain SGD, as torch.optim.SGD(lr=0.01)
 * OptimizerSpec.sgd(new SgdParams(0.05, 0.9, 0, true, 0))   // Nesterov momentum 0.9
 * OptimizerSpec.adam(1e-3)                                  // betas (0.9, 0.999), eps 1e-8, as torch.optim.Adam
 * }</pre>
 */
public sealed interface OptimizerSpec permits OptimizerSpec.SgdSpec, OptimizerSpec.AdamSpec {

    /** The learning rate. */
    default double lr() {
        return switch (this) {
            case SgdSpec(SgdParams p) -> p.lr();
            case AdamSpec(AdamParams p) -> p.lr();
        };
    }

    /** A fresh optimizer (with empty state) for a model on {@code kernel}. */
    default Optimizer create(Kernel kernel) {
        return switch (this) {
            case SgdSpec(SgdParams p) -> new Sgd(kernel, p);
            case AdamSpec(AdamParams p) -> new Adam(kernel, p);
        };
    }

    /** SGD as {@code torch.optim.SGD} applies it. */
    record SgdSpec(SgdParams params) implements OptimizerSpec {
        public SgdSpec {
            Objects.requireNonNull(params, "SGD params are null; expected e.g. SgdParams.plain(0.01)");
        }
    }

    /** Adam as {@code torch.optim.Adam} (amsgrad off) applies it. */
    record AdamSpec(AdamParams params) implements OptimizerSpec {
        public AdamSpec {
            Objects.requireNonNull(params, "Adam params are null; expected e.g. AdamParams.defaults(1e-3)");
        }
    }

    /** Plain SGD: no momentum, dampening or weight decay (PyTorch's defaults). */
    static OptimizerSpec sgd(double lr) {
        return new SgdSpec(SgdParams.plain(lr));
    }

    static OptimizerSpec sgd(SgdParams params) {
        return new SgdSpec(params);
    }

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    static OptimizerSpec adam(double lr) {
        return new AdamSpec(AdamParams.defaults(lr));
    }

    static OptimizerSpec adam(AdamParams params) {
        return new AdamSpec(params);
    }
}
