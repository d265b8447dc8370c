package io.densekit.io.onnx;

import java.util.ArrayList;
import java.util.List;

/** The fields of ONNX's {@code NodeProto}: one operator application. Absent optional inputs are "". */
record NodeProto(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                 List<AttributeProto> attributes) {

    static NodeProto decode(WireReader r) {
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<AttributeProto> attributes = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> inputs.add(r.string("input"));
                case 2 -> outputs.add(r.string("output"));
                case 3 -> name = r.string("name");
                case 4 -> opType = r.string("op_type");
                case 5 -> attributes.add(AttributeProto.decode(r.message("attribute")));
                case 7 -> domain = r.string("domain");
                default -> r.skip();
            }
        }
        return new NodeProto(name, opType, domain, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(attributes));
    }

    /** The attribute called {@code attribute}, or null. */
    AttributeProto attribute(String attribute) {
        for (AttributeProto a : attributes) {
            if (a.name().equals(attribute)) {
                return a;
            }
        }
        return null;
    }
}
