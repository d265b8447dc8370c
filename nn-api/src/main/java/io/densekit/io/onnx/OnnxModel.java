package io.densekit.io.onnx;

import io.densekit.kernel.Kernel;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A densekit model read from an ONNX graph, before it is put on a kernel: the spec the graph
 * computes, the initialisers' dtype, and the weights under PyTorch's {@code nn.Sequential}
 * state_dict names ({@code 0.weight} {@code [out, in]}, {@code 0.bias} {@code [out]}, ...), which
 * is what {@link Sequential#state()} loads.
 *
 * @param opset    the default domain's opset the file imports
 * @param producer the producer named in the file (e.g. "pytorch 1.13.0"), or ""
 */
public record OnnxModel(ModelSpec spec, DType dtype, Map<String, HostTensor> weights, long opset, String producer) {
    public OnnxModel {
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The model on {@code kernel} in the file's dtype. */
    public Sequential build(Kernel kernel) {
        return build(kernel, dtype);
    }

    /** The model on {@code kernel} in {@code as} (float32 weights widen exactly; float64 ones round). */
    public Sequential build(Kernel kernel, DType as) {
        if (!kernel.dtypes().contains(as)) { // refused before any layer allocates kernel memory
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' does not compute in " + as
                    + "; it supports " + kernel.dtypes());
        }
        Sequential m = Sequential.of(spec, kernel, as, 0);
        try {
            m.state().load(weights);
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
