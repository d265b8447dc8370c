package io.densekit.io.onnx;

import java.util.ArrayList;
import java.util.List;

/** The fields of ONNX's {@code GraphProto}: nodes in topological order, initializers, inputs, outputs. */
record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers, List<ValueInfoProto> inputs,
                  List<ValueInfoProto> outputs, int sparseInitializers) {

    static GraphProto decode(WireReader r) {
        String name = "";
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        int sparse = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> nodes.add(NodeProto.decode(r.message("node")));
                case 2 -> name = r.string("name");
                case 5 -> initializers.add(TensorProto.decode(r.message("initializer")));
                case 11 -> inputs.add(ValueInfoProto.decode(r.message("input")));
                case 12 -> outputs.add(ValueInfoProto.decode(r.message("output")));
                case 15 -> {
                    sparse++;
                    r.skip();
                }
                default -> r.skip();
            }
        }
        return new GraphProto(name, List.copyOf(nodes), List.copyOf(initializers), List.copyOf(inputs),
                List.copyOf(outputs), sparse);
    }
}
