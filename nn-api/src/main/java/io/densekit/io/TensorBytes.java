package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Writes and reads a tensor's elements as raw bytes in chunks, so no second full-size copy is made. */
final class TensorBytes {
    private static final int CHUNK_ELEMENTS = 1 << 13;

    private TensorBytes() {
    }

    /** Writes the tensor's elements in row-major order (f32 as 4 bytes, f64 as 8) in {@code order}. */
    static void write(OutputStream out, HostTensor t, ByteOrder order) throws IOException {
        int n = (int) t.size();
        int k = t.dtype().byteSize();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * k).order(order);
        for (int from = 0; from < n; from += CHUNK_ELEMENTS) {
            int len = Math.min(CHUNK_ELEMENTS, n - from);
            chunk.clear();
            if (t.dtype() == DType.F32) {
                chunk.asFloatBuffer().put(t.floatArray(), t.offset() + from, len);
            } else {
                chunk.asDoubleBuffer().put(t.doubleArray(), t.offset() + from, len);
            }
            out.write(chunk.array(), 0, len * k);
        }
    }

    /** Writes an array's elements in {@code order}. */
    static void write(OutputStream out, NdArray a, ByteOrder order) throws IOException {
        ByteBuffer b = a.dataIn(order);
        if (b.hasArray()) {
            out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] chunk = new byte[1 << 16];
            while (b.hasRemaining()) {
                int len = Math.min(chunk.length, b.remaining());
                b.get(chunk, 0, len);
                out.write(chunk, 0, len);
            }
        }
    }
}
