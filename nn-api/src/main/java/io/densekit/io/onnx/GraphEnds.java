package io.densekit.io.onnx;

import io.densekit.tensor.DType;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The checks on a graph's input and output: one of each, {@code [batch, features]}, of the weights' type. */
final class GraphEnds {
    private GraphEnds() {
    }

    /**
     * The graph's one data input. Older exporters also list every initializer as a graph input
     * ({@code constants}); the data input is the other one.
     */
    static ValueInfoProto dataInput(GraphProto graph, Set<String> constants) {
        List<ValueInfoProto> inputs = graph.inputs().stream().filter(i -> !constants.contains(i.name())).toList();
        if (inputs.size() != 1 || graph.outputs().size() != 1) {
            throw new OnnxFormatException("the graph has " + inputs.size() + " input" + (inputs.size() == 1 ? "" : "s")
                    + " " + names(inputs) + " and " + graph.outputs().size() + " output"
                    + (graph.outputs().size() == 1 ? "" : "s") + " " + names(graph.outputs())
                    + "; densekit reads graphs of one input [batch, features] and one output");
        }
        return inputs.getFirst();
    }

    /** The declared feature count of a [batch, features] value, -1 when symbolic or undeclared. */
    static int declaredWidth(ValueInfoProto v, String role) {
        if (v.shape() == null) {
            return -1;
        }
        if (v.shape().size() != 2) {
            throw new OnnxFormatException("the graph " + role + " '" + v.name() + "' has shape " + v.shapeString()
                    + "; densekit reads [batch, features]");
        }
        long features = v.shape().get(1).size();
        if (features > Integer.MAX_VALUE) {
            throw new OnnxFormatException("the graph " + role + " '" + v.name() + "' has shape " + v.shapeString()
                    + "; the feature count is too large");
        }
        return (int) features;
    }

    /** The value's element type must be the weights' ({@code dtype}, first seen in {@code dtypeOrigin}). */
    static void checkElementType(ValueInfoProto v, String role, DType dtype, String dtypeOrigin) {
        int expected = dtype == DType.F32 ? TensorProto.FLOAT : TensorProto.DOUBLE;
        if (!v.isTensor() || v.elemType() != expected) {
            throw new OnnxFormatException("the graph " + role + " '" + v.name() + "' is "
                    + (v.isTensor() ? "a tensor of " + TensorProto.typeName(v.elemType()) : "not a tensor")
                    + ", expected " + TensorProto.typeName(expected) + " like the weights (" + dtypeOrigin + ")");
        }
    }

    private static String names(List<ValueInfoProto> values) {
        return values.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
