package io.densekit.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The array file formats densekit reads, told apart by their content: the magic bytes
 * {@code \x93NUMPY} (.npy) or {@code 00 00 <type> <ndim>} (IDX), otherwise text (CSV), each of them
 * possibly gzip-compressed (1f 8b, looked through). Content wins over the file name: text is CSV
 * whatever the name says. Only binary content without magic bytes whose name says .npy or IDX goes
 * to that reader (whose error then says what the content lacks); other binary content is refused.
 */
public enum DataFormat {
    NPY(".npy"),
    IDX("IDX"),
    CSV("CSV");

    /** Enough to see the magic bytes, and to tell text from binary. */
    private static final int SNIFF = 512;

    private final String label;

    DataFormat(String label) {
        this.label = label;
    }

    /** The format of {@code file}'s content (through gzip). */
    public static DataFormat detect(Path file) throws IOException {
        byte[] start;
        try (InputStream in = FileInput.openMaybeGzip(file)) {
            start = in.readNBytes(SNIFF);
        }
        DataFormat byContent = ofContent(start);
        if (byContent != null) {
            return byContent;
        }
        if (!isBinary(start)) {
            return CSV;
        }
        DataFormat byName = ofName(MalformedFileException.fileName(file));
        if (byName == NPY || byName == IDX) {
            return byName;
        }
        throw new MalformedFileException(file, "not a data file densekit reads: expected .npy (magic \\x93NUMPY),"
                + " IDX (00 00 <type> <ndim>), CSV text, or the gzip of one; found "
                + HexFormat.ofDelimiter(" ").formatHex(Arrays.copyOf(start, Math.min(start.length, 8))));
    }

    /**
     * {@code e}, from reading {@code file} as CSV, with a note when the file's name says .npy or
     * IDX: the user probably expected that format, whose magic bytes the file lacks.
     */
    static MalformedFileException noteName(Path file, MalformedFileException e) {
        DataFormat byName = ofName(MalformedFileException.fileName(file));
        return byName == null || byName == CSV ? e : new MalformedFileException(file, e.problem() + " (read as CSV: the file is text,"
                + " without the " + byName + " magic bytes its name suggests)", e);
    }

    /** NPY or IDX when {@code start} (the first bytes, gunzipped) has their magic bytes, else null. */
    static DataFormat ofContent(byte[] start) {
        if (start.length >= 1 && (start[0] & 0xff) == 0x93) {
            return NPY;
        }
        if (start.length >= 2 && start[0] == 0 && start[1] == 0) {
            return IDX;
        }
        return null;
    }

    /** The format the name says (by its extension), or null when it says none. */
    static DataFormat ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith(".npy")) {
            return NPY;
        }
        if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) {
            return CSV;
        }
        return n.endsWith(".idx") || n.endsWith("-ubyte") || n.matches(".*\\.idx\\d") ? IDX : null;
    }

    /** Text has no NUL bytes and few control characters; UTF-8 and Latin-1 both pass. */
    private static boolean isBinary(byte[] start) {
        for (byte b : start) {
            int c = b & 0xff;
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return label;
    }
}
