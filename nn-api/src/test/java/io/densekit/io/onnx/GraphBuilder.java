package io.densekit.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds ONNX model bytes field by field, for tests of what the reader accepts and refuses. By
 * default: opset 17, IR 8, input "x" {@code [batch, 3]}, output "y", and nothing else; the tests
 * add nodes, initializers and value infos, or break them.
 */
final class GraphBuilder {
    static final int FLOAT = TensorProto.FLOAT;
    static final int DOUBLE = TensorProto.DOUBLE;

    /** How a tensor's values are written. */
    enum Encoding { RAW, PACKED, UNPACKED, EXTERNAL }

    private final List<WireWriter> nodes = new ArrayList<>();
    private final List<WireWriter> initializers = new ArrayList<>();
    private final List<WireWriter> inputs = new ArrayList<>();
    private final List<WireWriter> outputs = new ArrayList<>();
    private final List<WireWriter> opsets = new ArrayList<>();
    private long irVersion = 8;

    GraphBuilder opset(String domain, long version) {
        opsets.add(new WireWriter().string(1, domain).int64(2, version));
        return this;
    }

    GraphBuilder irVersion(long v) {
        irVersion = v;
        return this;
    }

    /** A graph input; dims are Integers (fixed) or Strings (symbolic); none means no shape. */
    GraphBuilder input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    GraphBuilder output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    GraphBuilder initializer(String name, int elemType, long[] dims, double[] values, Encoding enc) {
        initializers.add(tensor(name, elemType, dims, values, enc));
        return this;
    }

    /** A {@code [rows, cols]} float initializer with values from {@code values} in row-major order. */
    GraphBuilder matrix(String name, int elemType, int rows, int cols, double... values) {
        return initializer(name, elemType, new long[] {rows, cols}, values, Encoding.RAW);
    }

    GraphBuilder vector(String name, int elemType, double... values) {
        return initializer(name, elemType, new long[] {values.length}, values, Encoding.RAW);
    }

    GraphBuilder node(String op, String name, List<String> in, String out, WireWriter... attributes) {
        WireWriter n = new WireWriter();
        in.forEach(i -> n.string(1, i));
        n.string(2, out).string(3, name).string(4, op);
        for (WireWriter a : attributes) {
            n.message(5, a);
        }
        nodes.add(n);
        return this;
    }

    /** A node in another domain. */
    GraphBuilder node(String domain, String op, String name, List<String> in, String out) {
        nodes.add(new WireWriter().string(1, in.getFirst()).string(2, out).string(3, name).string(4, op)
                .string(7, domain));
        return this;
    }

    byte[] bytes() {
        WireWriter graph = new WireWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "test");
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        outputs.forEach(o -> graph.message(12, o));
        WireWriter model = new WireWriter().int64(1, irVersion).string(2, "test").message(7, graph);
        if (opsets.isEmpty()) {
            opset("", 17);
        }
        opsets.forEach(o -> model.message(8, o));
        return model.toByteArray();
    }

    // ---- attributes and tensors ----

    static WireWriter intAttr(String name, long v) {
        return new WireWriter().string(1, name).int64(3, v).int64(20, AttributeProto.INT);
    }

    static WireWriter floatAttr(String name, float v) {
        return new WireWriter().string(1, name).float32(2, v).int64(20, AttributeProto.FLOAT);
    }

    static WireWriter intsAttr(String name, long... v) {
        WireWriter a = new WireWriter().string(1, name);
        for (long x : v) {
            a.int64(8, x);
        }
        return a.int64(20, AttributeProto.INTS);
    }

    static WireWriter tensorAttr(String name, WireWriter tensor) {
        return new WireWriter().string(1, name).message(5, tensor).int64(20, AttributeProto.TENSOR);
    }

    static WireWriter tensor(String name, int elemType, long[] dims, double[] values, Encoding enc) {
        WireWriter t = new WireWriter();
        for (long d : dims) {
            t.int64(1, d);
        }
        t.int64(2, elemType).string(8, name);
        boolean f32 = elemType == FLOAT;
        switch (enc) {
            case RAW -> t.bytes(9, raw(values, f32));
            case PACKED -> t.bytes(f32 ? 4 : 10, raw(values, f32));
            case UNPACKED -> {
                for (double v : values) {
                    if (f32) {
                        t.float32(4, (float) v);
                    } else {
                        t.fixed64(10, Double.doubleToRawLongBits(v));
                    }
                }
            }
            case EXTERNAL -> t.message(13, new WireWriter().string(1, "location").string(2, "weights.bin"))
                    .int64(14, 1);
        }
        return t;
    }

    private static byte[] raw(double[] values, boolean f32) {
        ByteBuffer b = ByteBuffer.allocate(values.length * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (f32) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    private static WireWriter valueInfo(String name, int elemType, Object... dims) {
        WireWriter tensor = new WireWriter().int64(1, elemType);
        if (dims.length > 0) {
            WireWriter shape = new WireWriter();
            for (Object d : dims) {
                shape.message(1, d instanceof String s ? new WireWriter().string(2, s)
                        : new WireWriter().int64(1, ((Number) d).longValue()));
            }
            tensor.message(2, shape);
        }
        return new WireWriter().string(1, name).message(2, new WireWriter().message(1, tensor));
    }
}
