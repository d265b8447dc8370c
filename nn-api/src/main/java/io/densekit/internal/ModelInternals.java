package io.densekit.internal;

import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.Tensor;

/**
 * What the training loop needs of a model that is not user API. It is implemented in the nn
 * package, beside the model's admission gate and inference path (package-private there), and
 * installed here when {@link Sequential}'s class initialises, so other packages of densekit reach
 * it without a public method on {@code Sequential}. This package is not exported.
 */
public final class ModelInternals {
    /** The nn package's side. */
    public interface Access {
        double evaluateInKernel(Sequential model, Tensor x, Tensor targets, LossKind loss);
    }

    private static volatile Access access;

    private ModelInternals() {
    }

    /** Called once, by {@code Sequential}'s class initialiser. */
    public static void install(Access nn) {
        if (access != null) {
            throw new IllegalStateException("the model internals are installed already");
        }
        access = nn;
    }

    /**
     * The mean loss over data already in kernel memory, the targets as
     * {@link io.densekit.nn.Targets#prepare} gives them: the same value as
     * {@link Sequential#evaluate} on the host copies. Chunks are cut with
     * {@link io.densekit.kernel.Kernel#copyRows} and their losses queued, so a device kernel waits
     * once. A caller holds a model, so its class, and this access, are initialised.
     */
    public static double evaluateInKernel(Sequential model, Tensor x, Tensor targets, LossKind loss) {
        return access.evaluateInKernel(model, x, targets, loss);
    }
}
