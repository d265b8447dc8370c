package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Numeric comma-separated text.
 *
 * <p>Reading: UTF-8 (a byte-order mark is skipped), gzip-compressed data (magic 1f 8b) is
 * gunzipped whatever the file name. Blank lines and lines starting with '#' (numpy.savetxt's
 * header) are skipped. The first remaining line is a header when none of its fields is a number;
 * a line mixing names and numbers is an error, not a header. Values may be surrounded by spaces
 * or double quotes; nan, inf and Infinity (any case, signed) are accepted. Every row must have as
 * many values as the first. The result is always 2-D {@code [rows, cols]}. Errors name the line
 * and column (both 1-based, as editors count).
 *
 * <p>Writing: one row per line (a 1-D tensor as one value per line, like numpy.savetxt), each
 * value the shortest decimal text that reads back to the same float/double; gzip when the name
 * ends with ".gz".
 */
public final class Csv {
    private Csv() {
    }

    /** Reads a numeric CSV file as a 2-D tensor of {@code dtype}. */
    public static HostTensor read(Path file, DType dtype) throws IOException {
        return new CsvReader(file, dtype).read();
    }

    /** Writes the tensor without a header line. */
    public static void write(Path file, HostTensor t) throws IOException {
        write(file, t, List.of());
    }

    /** Writes the tensor with a header line of column names (none when the list is empty). */
    public static void write(Path file, HostTensor t, List<String> header) throws IOException {
        boolean vector = t.shape().length == 1;
        int cols = vector ? 1 : t.cols();
        int rows = vector ? t.cols() : t.rows();
        if (!header.isEmpty() && header.size() != cols) {
            throw new IllegalArgumentException("the header has " + header.size() + " names, but the tensor "
                    + t.shapeString() + " has " + cols + " columns");
        }
        for (String name : header) {
            if (name.contains(",") || name.contains("\n") || name.contains("\r")) {
                throw new IllegalArgumentException("column name '" + name
                        + "' contains a comma or line break; expected plain names");
            }
        }
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        OutputStream raw = Files.newOutputStream(file);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
            if (!header.isEmpty()) {
                out.write(String.join(",", header));
                out.write('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < rows; r++) {
                line.setLength(0);
                for (int c = 0; c < cols; c++) {
                    double v = t.getFlat(r * cols + c);
                    line.append(c == 0 ? "" : ",")
                            .append(t.dtype() == DType.F32 ? Float.toString((float) v) : Double.toString(v));
                }
                out.append(line).append('\n');
            }
        }
    }
}
