package io.densekit.spark;

import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.io.Serializable;

/**
 * What an executor needs of a fit's settings to build its chunks and compute their gradients (the
 * optimizer runs on the driver only).
 *
 * @param spec the model spec's text
 */
record WorkerSettings(String spec, LossKind loss, DType dtype, int chunkRows, String kernel) implements Serializable {

    ModelSpec modelSpec() {
        return ModelSpec.parse(spec);
    }
}
