package io.densekit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Random access to a file's bytes for the readers that check lengths against the file size: a
 * plain file through its channel, or a gunzipped one held in memory (a gzip stream has no size
 * until it is inflated; inflating allocates only as much as the data really holds).
 */
interface ByteSource {
    long size() throws IOException;

    /** {@code n} bytes at {@code position}, which the caller has checked lie inside {@link #size}. */
    ByteBuffer read(long position, long n, String what) throws IOException;

    static ByteSource of(FileChannel ch, Path file) {
        return new ByteSource() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public ByteBuffer read(long position, long n, String what) throws IOException {
                return FileInput.read(ch, file, position, n, what);
            }
        };
    }

    /** The whole gunzipped content of {@code file}, which starts with the gzip magic bytes. */
    static ByteSource gunzipped(Path file) throws IOException {
        byte[] all;
        try (InputStream in = FileInput.openMaybeGzip(file)) {
            all = in.readNBytes(FileInput.MAX_ARRAY);
            if (all.length == FileInput.MAX_ARRAY && in.read() >= 0) {
                throw new MalformedFileException(file, "the gunzipped data is larger than densekit reads (at most "
                        + FileInput.MAX_ARRAY + " bytes)");
            }
        }
        ByteBuffer whole = ByteBuffer.wrap(all);
        return new ByteSource() {
            @Override
            public long size() {
                return all.length;
            }

            @Override
            public ByteBuffer read(long position, long n, String what) {
                return whole.slice((int) position, (int) n);
            }
        };
    }
}
