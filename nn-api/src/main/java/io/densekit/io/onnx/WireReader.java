package io.densekit.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf's wire format from a range of a byte array. Every length is checked against the
 * bytes left in the enclosing message before anything is allocated for it, so a corrupt length
 * fails with a message instead of reading past the range or allocating what the file does not hold.
 * {@code context} names the message being read, for the error messages.
 */
final class WireReader {
    private final byte[] bytes;
    private final int end;
    private final String context;
    private int position;
    private int field;
    private WireType wireType;

    WireReader(byte[] bytes, int from, int to, String context) {
        this.bytes = bytes;
        this.position = from;
        this.end = to;
        this.context = context;
    }

    String context() {
        return context;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (position >= end) {
            return false;
        }
        long key = varint("a field key");
        if ((key >>> 3) == 0 || (key >>> 3) > Integer.MAX_VALUE) {
            throw new OnnxFormatException(context + ": invalid protobuf field number " + (key >>> 3)
                    + "; the file is corrupt or not an ONNX model");
        }
        field = (int) (key >>> 3);
        wireType = WireType.of((int) (key & 7), context);
        return true;
    }

    int field() {
        return field;
    }

    WireType wireType() {
        return wireType;
    }

    /** Skips the current field's value (fields densekit does not need). */
    void skip() {
        switch (wireType) {
            case VARINT -> varint("a skipped field");
            case FIXED64 -> advance(8, "a skipped field");
            case FIXED32 -> advance(4, "a skipped field");
            case LENGTH_DELIMITED -> advance(length("a skipped field"), "a skipped field");
        }
    }

    long int64(String what) {
        expect(WireType.VARINT, what);
        return varint(what);
    }

    /** An int32 field: protobuf writes negative values sign-extended to 64 bits. */
    int int32(String what) {
        long v = int64(what);
        if (v != (int) v) {
            throw new OnnxFormatException(context + ": " + what + " is " + v + ", outside the int32 range");
        }
        return (int) v;
    }

    float float32(String what) {
        expect(WireType.FIXED32, what);
        return Float.intBitsToFloat(littleEndian(4, what).getInt());
    }

    String string(String what) {
        expect(WireType.LENGTH_DELIMITED, what);
        int n = length(what);
        String s = new String(bytes, position, n, StandardCharsets.UTF_8);
        position += n;
        return s;
    }

    /** A bytes field as a little-endian view of the file's bytes (no copy). */
    ByteBuffer bytes(String what) {
        expect(WireType.LENGTH_DELIMITED, what);
        return littleEndian(length(what), what);
    }

    /** A nested message, read by its own reader that ends where the message ends. */
    WireReader message(String what) {
        expect(WireType.LENGTH_DELIMITED, what);
        int n = length(what);
        WireReader inner = new WireReader(bytes, position, position + n, context + " > " + what);
        position += n;
        return inner;
    }

    /** One element, or a packed run, of a repeated varint field (ONNX writers use both forms). */
    void repeatedInt64(RepeatedNumbers into, String what) {
        if (wireType == WireType.VARINT) {
            into.add(varint(what));
            return;
        }
        expect(WireType.LENGTH_DELIMITED, what);
        int stop = position + length(what);
        while (position < stop) {
            into.add(varint(what));
        }
        if (position != stop) {
            throw new OnnxFormatException(context + ": the last varint of packed " + what + " runs past its length");
        }
    }

    /** One element, or a packed run, of a repeated float field. */
    void repeatedFloat(RepeatedNumbers into, String what) {
        repeatedFixed(into, WireType.FIXED32, 4, what);
    }

    /** One element, or a packed run, of a repeated double field. */
    void repeatedDouble(RepeatedNumbers into, String what) {
        repeatedFixed(into, WireType.FIXED64, 8, what);
    }

    private void repeatedFixed(RepeatedNumbers into, WireType single, int size, String what) {
        if (wireType == single) {
            into.add(size == 4 ? littleEndian(4, what).getInt() : littleEndian(8, what).getLong());
            return;
        }
        expect(WireType.LENGTH_DELIMITED, what);
        int n = length(what);
        if (n % size != 0) {
            throw new OnnxFormatException(context + ": packed " + what + " holds " + n
                    + " bytes, not a multiple of " + size);
        }
        ByteBuffer b = littleEndian(n, what);
        into.reserve(n / size);
        for (int i = 0; i < n / size; i++) {
            into.add(size == 4 ? b.getInt() : b.getLong());
        }
    }

    private void expect(WireType expected, String what) {
        if (wireType != expected) {
            throw new OnnxFormatException(context + ": " + what + " (field " + field + ") has wire type "
                    + wireType.code + ", expected " + expected.code + "; the file is corrupt or not an ONNX model");
        }
    }

    private ByteBuffer littleEndian(int n, String what) {
        advance(n, what);
        return ByteBuffer.wrap(bytes, position - n, n).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void advance(int n, String what) {
        if (n > end - position) {
            throw truncated(what, n);
        }
        position += n;
    }

    /** A length prefix, checked against the bytes left in this message. */
    private int length(String what) {
        long n = varint(what);
        if (n < 0 || n > end - position) {
            throw truncated(what, n);
        }
        return (int) n;
    }

    private long varint(String what) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw truncated(what, shift / 7 + 1);
            }
            byte b = bytes[position++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new OnnxFormatException(context + ": a varint in " + what + " is longer than 10 bytes;"
                + " the file is corrupt or not an ONNX model");
    }

    private OnnxFormatException truncated(String what, long needed) {
        return new OnnxFormatException(context + ": " + what + " needs " + Long.toUnsignedString(needed)
                + " bytes but only " + (end - position) + " remain (truncated or corrupt file)");
    }
}
