package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * numpy's .npy format (format versions 1.0, 2.0 and 3.0; see numpy.lib.format).
 *
 * <p>Reads float16/32/64, int8/16/32/64 and uint8/16/32, little- or big-endian, C order, any rank
 * up to {@value NpyHeader#MAX_RANK} (rank 0 and rank > 2 load as an {@link NdArray};
 * {@link NdArray#toTensor} then refuses them clearly). Fortran order is refused for rank 2 and up.
 * The data must fill the file exactly: a short file is truncated, extra bytes mean corruption. A
 * gzip-compressed file (numpy's own {@code np.save(gzip.open(...))}) is read the same way once gunzipped.
 * Writes version 1.0 headers, little-endian, as {@code numpy.save} does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes. */
    private static final int ALIGN = 64;
    /** numpy itself refuses headers over 10 000 bytes by default; this is far more generous. */
    private static final int MAX_HEADER = 1 << 20;

    private Npy() {
    }

    /** Reads a .npy file, or the gzip of one (magic 1f 8b, whatever the name). */
    public static NdArray read(Path file) throws IOException {
        if (FileInput.startsWithGzip(file)) {
            return parse(file, ByteSource.gunzipped(file));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, ByteSource.of(ch, file));
        }
    }

    private static NdArray parse(Path file, ByteSource in) throws IOException {
        long size = in.size();
        ByteBuffer pre = in.read(0, Math.min(size, 12), "the preamble").order(ByteOrder.LITTLE_ENDIAN);
        checkMagic(file, pre, size);
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        if (minor != 0 || major < 1 || major > 3) {
            throw new MalformedFileException(file, "unsupported .npy format version " + major + "."
                    + minor + "; expected 1.0, 2.0 or 3.0");
        }
        int prefix = major == 1 ? 10 : 12;
        if (size < prefix) {
            throw new MalformedFileException(file, "truncated: the file is " + size
                    + " bytes, shorter than the " + prefix + "-byte preamble of format version " + major + ".0");
        }
        long headerLength = major == 1 ? Short.toUnsignedInt(pre.getShort(8))
                : Integer.toUnsignedLong(pre.getInt(8));
        if (headerLength > size - prefix) {
            throw new MalformedFileException(file, "the header length " + headerLength
                    + " exceeds the " + (size - prefix) + " bytes after the preamble (truncated file?)");
        }
        if (headerLength > MAX_HEADER) {
            throw new MalformedFileException(file, "the header length " + headerLength
                    + " is implausibly large; expected at most " + MAX_HEADER + " bytes");
        }
        String text = decode(file, in.read(prefix, headerLength, "the header"), major);
        NpyHeader header = NpyHeader.parse(file, text);
        long available = size - prefix - headerLength;
        long needed = dataBytes(file, header);
        if (needed != available) {
            throw new MalformedFileException(file, (needed > available ? "truncated: " : "")
                    + "shape " + shapeText(header.shape()) + " of " + header.type() + " needs "
                    + needed + " data bytes, but the file has " + available + " after the header");
        }
        ByteBuffer data = in.read(prefix + headerLength, needed, "the array data");
        return new NdArray(header.type(), header.shape(), data.order(header.order()));
    }

    /**
     * Reads a .npy file as a tensor of {@code dtype}; the array must be 1-D or 2-D. Shape and
     * conversion errors are reported as an IllegalArgumentException whose message starts with the
     * file name.
     */
    public static HostTensor readTensor(Path file, DType dtype) throws IOException {
        NdArray a = read(file);
        try {
            return a.toTensor(dtype);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MalformedFileException.fileName(file) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Writes a tensor: f32 as '<f4', f64 as '<f8', with the tensor's shape. */
    public static void write(Path file, HostTensor t) throws IOException {
        String descr = NpyHeader.format(t.dtype() == DType.F32 ? ElementType.FLOAT32 : ElementType.FLOAT64,
                t.shape());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeHeader(out, descr);
            TensorBytes.write(out, t, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Writes any array numpy can represent (every element type but bfloat16), little-endian. */
    public static void write(Path file, NdArray a) throws IOException {
        String descr = NpyHeader.format(a.elementType(), a.shape());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeHeader(out, descr);
            TensorBytes.write(out, a, ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Writes int64 values ('<i8') with the given shape (e.g. class labels). */
    public static void writeLongs(Path file, long[] values, int... shape) throws IOException {
        write(file, NdArray.ofLongs(values, shape));
    }

    /** Writes int32 values ('<i4') with the given shape. */
    public static void writeInts(Path file, int[] values, int... shape) throws IOException {
        write(file, NdArray.ofInts(values, shape));
    }

    private static void writeHeader(OutputStream out, String dict) throws IOException {
        // Pad with spaces and end with a newline so the data starts at a multiple of 64, as numpy does.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(new byte[] {1, 0, (byte) header.length(), (byte) (header.length() >>> 8)});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void checkMagic(Path file, ByteBuffer pre, long size) throws MalformedFileException {
        int n = Math.min(pre.remaining(), MAGIC.length);
        boolean ok = n > 0;
        for (int i = 0; ok && i < n; i++) {
            ok = pre.get(i) == MAGIC[i];
        }
        if (!ok) {
            byte[] start = new byte[n];
            pre.get(0, start);
            throw new MalformedFileException(file, "not a .npy file: expected the magic bytes"
                    + " 93 4e 55 4d 50 59 (\\x93NUMPY), found " + (n == 0 ? "an empty file"
                    : HexFormat.ofDelimiter(" ").formatHex(start)));
        }
        if (size < 10) {
            throw new MalformedFileException(file, "truncated: the file is " + size
                    + " bytes, shorter than the 10-byte .npy preamble");
        }
    }

    private static String decode(Path file, ByteBuffer header, int major) throws MalformedFileException {
        if (major < 3) {
            return StandardCharsets.ISO_8859_1.decode(header).toString();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(header).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file, "the version 3.0 header is not valid UTF-8");
        }
    }

    private static long dataBytes(Path file, NpyHeader header) throws MalformedFileException {
        try {
            return Math.multiplyExact(NdArray.elementCount(header.shape()), header.type().byteSize());
        } catch (ArithmeticException e) {
            throw new MalformedFileException(file, "shape " + shapeText(header.shape())
                    + " has more elements than any file can hold");
        }
    }

    static String shapeText(int[] shape) {
        return java.util.Arrays.toString(shape);
    }
}
