package io.densekit.nn;

import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.ShapeException;

/** The one-row predict's argument checks: one line naming what is wrong and what was expected. */
final class RowChecks {
    private RowChecks() {
    }

    /**
     * The arrays' element type must be the model's dtype (rows are not converted: a float[] result
     * of an f64 model would lose its precision), the row must hold the input width, out the output width.
     */
    static void require(Sequential model, DType arrays, int rowLength, int outLength) {
        if (model.dtype() != arrays) {
            String type = model.dtype() == DType.F32 ? "float[]" : "double[]";
            throw new DTypeException("predict: this model computes in " + model.dtype() + "; pass its rows as "
                    + type + " (or build the model in " + arrays + ")");
        }
        if (rowLength != model.inputWidth()) {
            throw new ShapeException("predict: the row has " + rowLength + " values, expected " + model.inputWidth()
                    + " (the model's input width)");
        }
        if (outLength != model.outputWidth()) {
            throw new ShapeException("predict: out has " + outLength + " values, expected " + model.outputWidth()
                    + " (the model's output width)");
        }
    }
}
