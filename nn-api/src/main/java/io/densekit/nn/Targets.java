package io.densekit.nn;

import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;

/**
 * Brings user targets into the form kernels take, checking them once on the host: class indices
 * (1-D, or {@code [n, 1]} for a multi-output model) become {@code [n, 1]} in the model's dtype and
 * must be whole numbers in range; dense targets must match the output width.
 */
public final class Targets {
    private Targets() {
    }

    public static HostTensor prepare(LossKind loss, HostTensor y, int rows, int outputs, DType dtype) {
        int[] shape = y.shape();
        int yRows = shape.length == 1 ? shape[0] : shape[0];
        if (yRows != rows) {
            throw new ShapeException("targets have " + yRows + " rows but the inputs have " + rows
                    + "; x and y must have the same number of samples");
        }
        boolean indices = loss.acceptsClassIndices() && outputs > 1
                && (shape.length == 1 || shape[1] == 1);
        if (indices) {
            HostTensor t = y.reshape(rows, 1);
            for (int r = 0; r < rows; r++) {
                KernelChecks.classIndex(t.get(r, 0), r, outputs);
            }
            return t.dtype() == dtype ? t : t.to(dtype);
        }
        HostTensor t = shape.length == 1 ? y.reshape(rows, 1) : y;
        if (t.cols() != outputs) {
            throw new ShapeException("targets have shape " + y.shapeString() + ", expected [" + rows + ", "
                    + outputs + "] (the model's outputs)"
                    + (loss.acceptsClassIndices() ? " or class indices [" + rows + "]" : ""));
        }
        return t.dtype() == dtype ? t : t.to(dtype);
    }
}
