package io.densekit.train;

import io.densekit.internal.ModelInternals;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.nn.Targets;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * A fit's validation set, evaluated after every epoch: on the host copies
 * ({@link Sequential#evaluate}), or, when the fit keeps its data resident, on copies uploaded
 * once and kept in kernel memory ({@link ModelInternals#evaluateInKernel}: no upload and one wait per
 * pass). Both give the same value.
 */
final class ValidationSet implements AutoCloseable {
    private final Sequential model;
    private final HostTensor x;
    private final HostTensor y;
    private final LossKind loss;
    private final Tensor residentX;
    private final Tensor residentTargets;

    ValidationSet(Sequential model, HostTensor x, HostTensor y, LossKind loss, boolean resident) {
        this.model = model;
        this.x = x;
        this.y = y;
        this.loss = loss;
        if (!resident) {
            this.residentX = null;
            this.residentTargets = null;
            return;
        }
        Kernel kernel = model.kernel();
        HostTensor targets = Targets.prepare(loss, y, x.rows(), model.outputWidth(), model.dtype());
        this.residentX = kernel.upload(x.dtype() == model.dtype() ? x : x.to(model.dtype()));
        try {
            this.residentTargets = kernel.upload(targets);
        } catch (RuntimeException e) {
            residentX.close();
            throw e;
        }
    }

    /** The bytes a resident copy takes in the model's dtype (inputs and prepared targets). */
    static long bytes(Sequential model, HostTensor x) {
        return ((long) x.rows() * (x.cols() + model.outputWidth())) * model.dtype().byteSize();
    }

    /** The mean loss over the set. */
    double loss() {
        return residentX != null ? ModelInternals.evaluateInKernel(model, residentX, residentTargets, loss) : model.evaluate(x, y, loss);
    }

    @Override
    public void close() {
        if (residentX != null) {
            residentX.close();
            residentTargets.close();
        }
    }
}
