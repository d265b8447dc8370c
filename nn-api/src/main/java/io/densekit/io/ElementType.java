package io.densekit.io;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The element types the file formats can carry, named as numpy names them ({@link #numpyName()}).
 * Values are read from a {@link ByteBuffer} in the buffer's own byte order, so one buffer type
 * serves little-endian (.npy, safetensors) and big-endian (IDX) files.
 */
public enum ElementType {
    UINT8("uint8", 1, true),
    INT8("int8", 1, true),
    INT16("int16", 2, true),
    UINT16("uint16", 2, true),
    INT32("int32", 4, true),
    UINT32("uint32", 4, true),
    INT64("int64", 8, true),
    FLOAT16("float16", 2, false),
    BFLOAT16("bfloat16", 2, false),
    FLOAT32("float32", 4, false),
    FLOAT64("float64", 8, false);

    private final String numpyName;
    private final int byteSize;
    private final boolean integer;

    ElementType(String numpyName, int byteSize, boolean integer) {
        this.numpyName = numpyName;
        this.byteSize = byteSize;
        this.integer = integer;
    }

    /** numpy's name: float32, float64, int32, int64, uint8, ... ("bfloat16" as torch names it). */
    public String numpyName() {
        return numpyName;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isInteger() {
        return integer;
    }

    /** Parses a numpy-style name such as "float32" or "uint8" (any case). */
    public static ElementType fromNumpyName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ElementType t : values()) {
            if (t.numpyName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown element type '" + name + "'; expected one of "
                + java.util.Arrays.stream(values()).map(ElementType::numpyName).toList());
    }

    /** The integer at byte index {@code at}; only for integer types. */
    long getLong(ByteBuffer b, int at) {
        return switch (this) {
            case UINT8 -> Byte.toUnsignedLong(b.get(at));
            case INT8 -> b.get(at);
            case INT16 -> b.getShort(at);
            case UINT16 -> Short.toUnsignedLong(b.getShort(at));
            case INT32 -> b.getInt(at);
            case UINT32 -> Integer.toUnsignedLong(b.getInt(at));
            case INT64 -> b.getLong(at);
            default -> throw new IllegalStateException(numpyName + " is not an integer type");
        };
    }

    /** The value at byte index {@code at}, as a double (exact for every type but large int64). */
    double getDouble(ByteBuffer b, int at) {
        return switch (this) {
            case FLOAT16 -> Float.float16ToFloat(b.getShort(at));
            // bfloat16 is the top half of a float32's bits.
            case BFLOAT16 -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case FLOAT32 -> b.getFloat(at);
            case FLOAT64 -> b.getDouble(at);
            default -> getLong(b, at);
        };
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
