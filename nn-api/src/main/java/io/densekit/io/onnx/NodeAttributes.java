package io.densekit.io.onnx;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a node's attributes with their defaults, and refuses attributes an op does not take here,
 * so an attribute densekit does not know cannot silently change what a node computes.
 */
final class NodeAttributes {
    private NodeAttributes() {
    }

    static void allow(NodeProto n, String what, String... names) {
        List<String> allowed = Arrays.asList(names);
        for (AttributeProto a : n.attributes()) {
            if (!allowed.contains(a.name())) {
                throw new OnnxFormatException(what + " has attribute '" + a.name() + "'; densekit reads "
                        + n.opType() + (names.length == 0 ? " without attributes" : " with " + allowed + " only"));
            }
        }
    }

    static long integer(NodeProto n, String what, String name, long otherwise) {
        AttributeProto a = n.attribute(name);
        if (a == null) {
            return otherwise;
        }
        require(a, a.hasI() && (a.type() == 0 || a.type() == AttributeProto.INT), what, "an int");
        return a.i();
    }

    static float real(NodeProto n, String what, String name, float otherwise) {
        AttributeProto a = n.attribute(name);
        if (a == null) {
            return otherwise;
        }
        require(a, a.hasF() && (a.type() == 0 || a.type() == AttributeProto.FLOAT), what, "a float");
        return a.f();
    }

    /** A list of ints, or null when the node does not have the attribute. */
    static long[] ints(NodeProto n, String what, String name) {
        AttributeProto a = n.attribute(name);
        if (a == null) {
            return null;
        }
        require(a, a.type() == 0 || a.type() == AttributeProto.INTS, what, "a list of ints");
        return a.ints();
    }

    private static void require(AttributeProto a, boolean ok, String what, String expected) {
        if (!ok) {
            throw new OnnxFormatException(what + " attribute '" + a.name() + "' has type " + a.type()
                    + " or no value; expected " + expected);
        }
    }
}
