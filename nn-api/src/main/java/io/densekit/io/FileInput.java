package io.densekit.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Bounded reading shared by the readers. Every allocation is bounded by bytes that exist: a length
 * from a header is checked against the file size first, and a gzip stream is read in chunks so a
 * huge declared length in a tiny file cannot allocate more than the data actually holds.
 */
final class FileInput {
    /** The largest byte array the JVM reliably allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private FileInput() {
    }

    /** {@code n} bytes at {@code position}; the caller has checked that they lie inside the file. */
    static ByteBuffer read(FileChannel ch, Path file, long position, long n, String what)
            throws IOException {
        if (n > MAX_ARRAY) {
            throw new MalformedFileException(file, what + " of " + n
                    + " bytes is larger than densekit reads (at most " + MAX_ARRAY + " bytes)");
        }
        ByteBuffer b = ByteBuffer.allocate((int) n);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new MalformedFileException(file, "the file ended while reading " + what
                        + " (it changed while being read?)");
            }
        }
        return b.flip();
    }

    /** Whether the file starts with the gzip magic bytes 1f 8b. */
    static boolean startsWithGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Opens a file, gunzipping it when it starts with the gzip magic bytes 1f 8b. */
    static InputStream openMaybeGzip(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        if (!gzip) {
            return raw;
        }
        try {
            return new GzipErrors(new GZIPInputStream(raw, 1 << 16), file);
        } catch (ZipException | EOFException e) {
            raw.close();
            throw corruptGzip(file, e);
        }
    }

    /**
     * Exactly {@code n} bytes from {@code in}. {@code InputStream.readNBytes} grows its buffer as
     * data arrives, so a false length fails at the end of the data, not with an OutOfMemoryError.
     */
    static byte[] readExactly(InputStream in, Path file, long n, String what) throws IOException {
        if (n > MAX_ARRAY) {
            throw new MalformedFileException(file, what + " of " + n
                    + " bytes is larger than densekit reads (at most " + MAX_ARRAY + " bytes)");
        }
        byte[] b = in.readNBytes((int) n);
        if (b.length < n) {
            throw new MalformedFileException(file, "truncated: " + what + " needs " + n
                    + " bytes, but the file has only " + b.length);
        }
        return b;
    }

    /** Counts (and discards) what is left in the stream, up to {@code limit} bytes. */
    static long countRemaining(InputStream in, long limit) throws IOException {
        long total = 0;
        byte[] buf = new byte[8192];
        int r;
        while (total < limit && (r = in.read(buf)) > 0) {
            total += r;
        }
        return total;
    }

    static MalformedFileException corruptGzip(Path file, IOException e) {
        return new MalformedFileException(file, "corrupt or truncated gzip data (" + e.getMessage()
                + "); expected a complete gzip stream", e);
    }

    /** Reports the inflater's ZipException / EOFException as a malformed file. */
    private static final class GzipErrors extends FilterInputStream {
        private final Path file;

        GzipErrors(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw corruptGzip(file, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw corruptGzip(file, e);
            }
        }
    }
}
