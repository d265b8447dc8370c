package io.densekit.data;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;

/** Conversions between class indices and one-hot rows. */
public final class Labels {
    private Labels() {
    }

    /** {@code [n, classes]} rows with a 1 in each sample's class column; {@code labels} is {@code [n]} or {@code [n, 1]}. */
    public static HostTensor oneHot(HostTensor labels, int classes, DType dtype) {
        int[] shape = labels.shape();
        if (shape.length == 2 && shape[1] != 1) {
            throw new ShapeException("labels have shape " + labels.shapeString() + ", expected [n] class indices");
        }
        int n = shape[0];
        HostTensor out = HostTensor.zeros(dtype, n, classes);
        for (int r = 0; r < n; r++) {
            double v = labels.getFlat(r);
            if (!(v >= 0 && v < classes) || v != Math.rint(v)) {
                throw new IllegalArgumentException("label " + v + " in row " + r
                        + " is out of range; expected a whole number in [0, " + (classes - 1) + "]");
            }
            out.set(r, (int) v, 1);
        }
        return out;
    }
}
