package io.densekit.io.onnx;

import java.util.Arrays;

/**
 * The values of a repeated numeric protobuf field as 64-bit words (int64 values, or the bits of
 * floats and doubles), growing as they are read, so its size is bounded by the bytes in the file.
 */
final class RepeatedNumbers {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
        if (size == values.length) {
            reserve(size);
        }
        values[size++] = v;
    }

    /** Makes room for {@code more} values; callers pass counts that the file's bytes hold. */
    void reserve(int more) {
        if (values.length - size < more) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + more));
        }
    }

    int size() {
        return size;
    }

    long[] longs() {
        return Arrays.copyOf(values, size);
    }

    float[] floats() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = Float.intBitsToFloat((int) values[i]);
        }
        return out;
    }

    double[] doubles() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = Double.longBitsToDouble(values[i]);
        }
        return out;
    }
}
