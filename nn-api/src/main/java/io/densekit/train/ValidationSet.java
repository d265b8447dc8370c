package io.densekit.train;

import io.densekit.data.Dataset;
import io.densekit.kernel.DataPlacement;
import io.densekit.internal.ModelInternals;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Optional;

/**
 * A fit's validation set, evaluated after every epoch: on the host copies
 * ({@link Sequential#evaluate}), or, where the fit's {@link DataPlacement} keeps data in kernel
 * memory, on copies it keeps there for the fit ({@link ModelInternals#evaluateInKernel}: no upload and
 * one wait per pass). Both give the same value. The kept copies belong to the placement.
 */
final class ValidationSet {
    private final Sequential model;
    private final Dataset valid;
    private final LossKind loss;
    private final Tensor keptX;
    private final Tensor keptTargets;

    /** @param targets the set's targets as {@link io.densekit.nn.Targets#prepare} gives them */
    ValidationSet(Sequential model, Dataset valid, HostTensor targets, LossKind loss, DataPlacement placement) {
        this.model = model;
        this.valid = valid;
        this.loss = loss;
        HostTensor x = valid.x().dtype() == model.dtype() ? valid.x() : valid.x().to(model.dtype());
        Optional<Tensor> kx = placement.keep(x);
        Optional<Tensor> kt = kx.isPresent() ? placement.keep(targets) : Optional.empty();
        this.keptX = kt.isPresent() ? kx.get() : null;
        this.keptTargets = kt.orElse(null);
    }

    /** The bytes a kept copy takes in the model's dtype (inputs and prepared targets). */
    static long bytes(Sequential model, HostTensor x) {
        return ((long) x.rows() * (x.cols() + model.outputWidth())) * model.dtype().byteSize();
    }

    /** The mean loss over the set. */
    double loss() {
        return keptX != null ? ModelInternals.evaluateInKernel(model, keptX, keptTargets, loss) : model.evaluate(valid.x(), valid.y(), loss);
    }
}
