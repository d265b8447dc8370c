package io.densekit.io.onnx;

import java.nio.ByteBuffer;

/**
 * The fields of ONNX's {@code TensorProto} that densekit reads: a constant tensor (an initializer
 * or a Constant node's value). Its data stays where the decoder found it: a view of the file's
 * {@code raw_data} bytes (little-endian), or the decoded {@code float_data} / {@code double_data}.
 * {@code external} is set when the data lives in another file.
 */
record TensorProto(String name, long[] dims, int dataType, ByteBuffer rawData, RepeatedNumbers floatData,
                   RepeatedNumbers doubleData, boolean external, boolean segmented) {
    static final int FLOAT = 1;
    static final int DOUBLE = 11;

    static TensorProto decode(WireReader r) {
        String name = "";
        RepeatedNumbers dims = new RepeatedNumbers();
        int dataType = 0;
        ByteBuffer raw = null;
        RepeatedNumbers floats = null;
        RepeatedNumbers doubles = null;
        boolean external = false;
        boolean segmented = false;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> r.repeatedInt64(dims, "dims");
                case 2 -> dataType = r.int32("data_type");
                case 3 -> {
                    segmented = true;
                    r.skip();
                }
                case 4 -> r.repeatedFloat(floats = floats == null ? new RepeatedNumbers() : floats, "float_data");
                case 8 -> name = r.string("name");
                case 9 -> raw = r.bytes("raw_data");
                case 10 -> r.repeatedDouble(doubles = doubles == null ? new RepeatedNumbers() : doubles, "double_data");
                case 13 -> {
                    external = true;
                    r.skip();
                }
                case 14 -> external |= r.int32("data_location") == 1;
                default -> r.skip();
            }
        }
        return new TensorProto(name, dims.longs(), dataType, raw, floats, doubles, external, segmented);
    }

    /** The ONNX name of a data type code, for messages. */
    static String typeName(int code) {
        String[] names = {"UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING",
            "BOOL", "FLOAT16", "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16"};
        return code >= 0 && code < names.length ? names[code] : "data type " + code;
    }
}
