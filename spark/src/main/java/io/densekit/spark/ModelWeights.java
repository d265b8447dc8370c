package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's spec, dtype and weights as plain arrays: what the driver broadcasts to executors and
 * what a {@link DenseNetModel} keeps. Weights travel under PyTorch's state_dict names in the
 * model's dtype, so an executor rebuilds the driver's model bit for bit.
 */
final class ModelWeights implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String spec;
    private final DType dtype;
    private final List<String> names;
    private final List<int[]> shapes;
    private final List<Object> values; // float[] or double[] per tensor

    private ModelWeights(String spec, DType dtype, List<String> names, List<int[]> shapes, List<Object> values) {
        this.spec = spec;
        this.dtype = dtype;
        this.names = names;
        this.shapes = shapes;
        this.values = values;
    }

    /** A copy of {@code model}'s current weights. */
    static ModelWeights of(Sequential model) {
        List<String> names = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, HostTensor> e : model.state().export().entrySet()) {
            HostTensor t = e.getValue();
            names.add(e.getKey());
            shapes.add(t.shape());
            values.add(t.dtype() == DType.F32 ? t.floatArrayForReading() : t.doubleArrayForReading());
        }
        return new ModelWeights(model.spec().toString(), model.dtype(), names, shapes, values);
    }

    String spec() {
        return spec;
    }

    DType dtype() {
        return dtype;
    }

    /** A new single-machine model on {@code kernel} with these weights (the caller closes it). */
    Sequential toSequential(Kernel kernel) {
        Sequential model = Sequential.of(spec, kernel, dtype, 0);
        try {
            model.state().load(tensors());
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Map<String, HostTensor> tensors() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Object v = values.get(i);
            out.put(names.get(i), v instanceof float[] f ? HostTensor.wrap(f, shapes.get(i))
                    : HostTensor.wrap((double[]) v, shapes.get(i)));
        }
        return out;
    }
}
