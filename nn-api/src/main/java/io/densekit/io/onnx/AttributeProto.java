package io.densekit.io.onnx;

/**
 * The fields of ONNX's {@code AttributeProto} that the supported ops use: a float, an int, a list
 * of ints or a tensor (a Constant node's value). {@code type} is the declared AttributeType (0 when
 * the writer left it out); {@code hasF} and {@code hasI} say whether the file holds those fields.
 */
record AttributeProto(String name, int type, float f, long i, long[] ints, TensorProto t, boolean hasF, boolean hasI) {
    static final int FLOAT = 1;
    static final int INT = 2;
    static final int TENSOR = 4;
    static final int INTS = 7;

    static AttributeProto decode(WireReader r) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        boolean hasF = false;
        boolean hasI = false;
        RepeatedNumbers ints = new RepeatedNumbers();
        TensorProto t = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string("name");
                case 2 -> {
                    f = r.float32("f");
                    hasF = true;
                }
                case 3 -> {
                    i = r.int64("i");
                    hasI = true;
                }
                case 5 -> t = TensorProto.decode(r.message("t"));
                case 8 -> r.repeatedInt64(ints, "ints");
                case 20 -> type = r.int32("type");
                default -> r.skip();
            }
        }
        return new AttributeProto(name, type, f, i, ints.longs(), t, hasF, hasI);
    }
}
