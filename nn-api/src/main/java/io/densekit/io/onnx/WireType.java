package io.densekit.io.onnx;

/** The protobuf wire types ONNX uses. Groups (3, 4) are deprecated and never used by ONNX: refused. */
enum WireType {
    VARINT(0),
    FIXED64(1),
    LENGTH_DELIMITED(2),
    FIXED32(5);

    final int code;

    WireType(int code) {
        this.code = code;
    }

    static WireType of(int code, String context) {
        for (WireType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new OnnxFormatException(context + ": unknown protobuf wire type " + code
                + " (expected 0, 1, 2 or 5); the file is corrupt or not an ONNX model");
    }
}
