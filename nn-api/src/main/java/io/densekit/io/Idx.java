package io.densekit.io;

import io.densekit.tensor.HostTensor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of the MNIST files: magic {@code 00 00 <type> <ndim>}, {@code ndim} big-endian
 * 32-bit dimensions, then the big-endian elements. Types: 0x08 uint8, 0x09 int8, 0x0B int16,
 * 0x0C int32, 0x0D float32, 0x0E float64. A gzip file (magic 1f 8b) is gunzipped whatever its name.
 * Image files {@code [n, rows, cols]} load as 3-D arrays; {@link NdArray#flattenTrailing()} makes
 * them {@code [n, rows * cols]}.
 */
public final class Idx {
    private Idx() {
    }

    /** Reads an IDX file, gzip-compressed or not. The data must end the file exactly. */
    public static NdArray read(Path file) throws IOException {
        try (InputStream in = FileInput.openMaybeGzip(file)) {
            byte[] magic = FileInput.readExactly(in, file, 4, "the 4-byte IDX magic number");
            if (magic[0] != 0 || magic[1] != 0) {
                throw new MalformedFileException(file, "not an IDX file: expected the magic bytes"
                        + " 00 00 <type> <ndim>, found " + HexFormat.ofDelimiter(" ").formatHex(magic));
            }
            ElementType type = type(magic[2]);
            if (type == null) {
                throw new MalformedFileException(file, String.format(Locale.ROOT,
                        "unknown IDX element type 0x%02X; expected 0x08 (uint8), 0x09 (int8), 0x0B (int16),"
                        + " 0x0C (int32), 0x0D (float32) or 0x0E (float64)", magic[2] & 0xff));
            }
            int rank = magic[3] & 0xff;
            if (rank < 1 || rank > NpyHeader.MAX_RANK) {
                throw new MalformedFileException(file, "IDX header declares " + rank
                        + " dimensions; expected 1 to " + NpyHeader.MAX_RANK);
            }
            ByteBuffer dims = ByteBuffer.wrap(FileInput.readExactly(in, file, 4L * rank,
                    "the " + rank + " dimension sizes"));
            int[] shape = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = dims.getInt();
                if (shape[i] < 0) {
                    throw new MalformedFileException(file, "dimension " + i + " is "
                            + Integer.toUnsignedString(shape[i]) + "; expected at most " + Integer.MAX_VALUE);
                }
                // count stays below 2^31 * 2^31 before this check, so it cannot overflow.
                if ((count *= shape[i]) > FileInput.MAX_ARRAY) {
                    throw new MalformedFileException(file, "shape " + Npy.shapeText(shape)
                            + " has more elements than densekit reads (at most " + FileInput.MAX_ARRAY + ")");
                }
            }
            long bytes = count * type.byteSize();
            byte[] data = FileInput.readExactly(in, file, bytes, "shape " + Npy.shapeText(shape) + " of " + type);
            long extra = FileInput.countRemaining(in, Long.MAX_VALUE);
            if (extra > 0) {
                throw new MalformedFileException(file, extra + " bytes follow the data of shape "
                        + Npy.shapeText(shape) + " of " + type + "; expected the file to end there");
            }
            return new NdArray(type, shape, ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN));
        }
    }

    /**
     * Writes an array of uint8, int8, int16, int32, float32 or float64 with 1 to 255 dimensions;
     * the file is gzip-compressed when its name ends with ".gz".
     */
    public static void write(Path file, NdArray a) throws IOException {
        byte code = code(a.elementType());
        if (a.rank() < 1 || a.rank() > 255) {
            throw new IllegalArgumentException("IDX holds 1 to 255 dimensions, got shape "
                    + Npy.shapeText(a.shape()));
        }
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        OutputStream raw = Files.newOutputStream(file);
        try (OutputStream out = new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw,
                1 << 16)) {
            ByteBuffer header = ByteBuffer.allocate(4 + 4 * a.rank()).order(ByteOrder.BIG_ENDIAN);
            header.put((byte) 0).put((byte) 0).put(code).put((byte) a.rank());
            for (int d : a.shape()) {
                header.putInt(d);
            }
            out.write(header.array());
            TensorBytes.write(out, a, ByteOrder.BIG_ENDIAN);
        }
    }

    /** Writes a tensor as float32 (0x0D) or float64 (0x0E). */
    public static void write(Path file, HostTensor t) throws IOException {
        write(file, NdArray.of(t));
    }

    private static ElementType type(byte code) {
        return switch (code) {
            case 0x08 -> ElementType.UINT8;
            case 0x09 -> ElementType.INT8;
            case 0x0B -> ElementType.INT16;
            case 0x0C -> ElementType.INT32;
            case 0x0D -> ElementType.FLOAT32;
            case 0x0E -> ElementType.FLOAT64;
            default -> null;
        };
    }

    private static byte code(ElementType type) {
        return switch (type) {
            case UINT8 -> 0x08;
            case INT8 -> 0x09;
            case INT16 -> 0x0B;
            case INT32 -> 0x0C;
            case FLOAT32 -> 0x0D;
            case FLOAT64 -> 0x0E;
            default -> throw new IllegalArgumentException("IDX cannot hold " + type
                    + "; expected uint8, int8, int16, int32, float32 or float64");
        };
    }
}
