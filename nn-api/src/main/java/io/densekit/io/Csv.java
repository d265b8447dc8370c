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
 * Numeric delimited text (CSV, and semicolon- or tab-separated files).
 *
 * <p>Reading: UTF-8 (a byte-order mark is skipped), gzip-compressed data (magic 1f 8b) is
 * gunzipped whatever the file name. The delimiter is given or detected ({@link CsvDelimiter#AUTO}:
 * comma, semicolon or tab, from the first line). Blank lines and lines starting with '#'
 * (numpy.savetxt's header) are skipped. The first remaining line is a header when none of its
 * fields is a number; a line mixing names and numbers is an error, not a header. Cells may be
 * surrounded by spaces or double quotes (a quoted cell may hold the delimiter, and {@code ""} for a
 * quote; it must end on its line); nan, inf and Infinity (any case, signed) are accepted. Every row
 * must have as many values as the first. The result is always 2-D {@code [rows, cols]}. Errors name
 * the line and column (both 1-based, as editors count) and the column's header name if there is one.
 *
 * <p>Writing: one row per line (a 1-D tensor as one value per line, like numpy.savetxt), each
 * value the shortest decimal text that reads back to the same float/double; gzip when the name
 * ends with ".gz".
 */
public final class Csv {
    private Csv() {
    }

    /** Reads a numeric CSV file as a 2-D tensor of {@code dtype}, detecting the delimiter. */
    public static HostTensor read(Path file, DType dtype) throws IOException {
        return read(file, dtype, CsvDelimiter.AUTO);
    }

    /** Reads a numeric CSV file as a 2-D tensor of {@code dtype}. */
    public static HostTensor read(Path file, DType dtype, CsvDelimiter delimiter) throws IOException {
        return new CsvReader(file, dtype, delimiter, null, List.of()).read();
    }

    /**
     * The number of cells on the file's first line that is neither blank nor a comment (its header
     * or first row), 0 for a file without one; reads only that far.
     */
    public static int columns(Path file, CsvDelimiter delimiter) throws IOException {
        return new CsvReader(file, DType.F64, delimiter, null, List.of()).columns();
    }

    /**
     * Reads a CSV file whose column {@code label} holds the targets: the header's column of that
     * name, or, when no column has that name, the 0-based index {@code label} gives. The other
     * columns must be numbers. Labels that are numbers stay numbers; class names (the first label
     * cell not a number) become class indices in sorted order (String.compareTo, as scikit-learn's
     * LabelEncoder and numpy.unique sort them). Every label must be of the first one's kind.
     */
    public static LabeledCsv readLabeled(Path file, DType dtype, CsvDelimiter delimiter, String label)
            throws IOException {
        return readLabeled(file, dtype, delimiter, label, List.of());
    }

    /**
     * As {@link #readLabeled(Path, DType, CsvDelimiter, String)}, but class names map to their index
     * in {@code classes} (say, those of the training set), and a name not among them is an error;
     * numeric labels are not affected. An empty list means the file's own names in sorted order.
     */
    public static LabeledCsv readLabeled(Path file, DType dtype, CsvDelimiter delimiter, String label,
                                         List<String> classes) throws IOException {
        if (classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("the classes " + classes + " repeat a name; expected distinct names");
        }
        return new CsvReader(file, dtype, delimiter, label, classes).readLabeled();
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
