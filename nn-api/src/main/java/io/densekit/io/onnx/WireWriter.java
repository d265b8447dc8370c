package io.densekit.io.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protobuf's wire format. A nested message is written to its own writer first, because its
 * length prefix comes before it; the models densekit writes are small enough for that copy.
 */
final class WireWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireWriter int64(int field, long value) {
        key(field, WireType.VARINT);
        varint(value);
        return this;
    }

    WireWriter float32(int field, float value) {
        key(field, WireType.FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    WireWriter fixed64(int field, long value) {
        key(field, WireType.FIXED64);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    WireWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter bytes(int field, byte[] value) {
        key(field, WireType.LENGTH_DELIMITED);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    WireWriter message(int field, WireWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void key(int field, WireType type) {
        varint((long) field << 3 | type.code);
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
