package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads one CSV file: numbers into a growing array, and with a label column that column's cells
 * apart ({@link CsvLabels}); see {@link Csv#read} and {@link Csv#readLabeled}.
 */
final class CsvReader {
    private final Path file;
    private final DType dtype;
    private final CsvDelimiter delimiterOption;
    private final String labelRequest;
    private final List<String> knownClasses;
    private final CsvNumbers values;
    private CsvLabels labels;
    private char delimiter;
    private String[] header;
    private int label = -1;
    private int cols = -1;
    private int rows;

    /** {@code labelRequest}: the label column's header name or 0-based index, or null for none. */
    CsvReader(Path file, DType dtype, CsvDelimiter delimiter, String labelRequest, List<String> knownClasses) {
        this.file = file;
        this.dtype = dtype;
        this.delimiterOption = delimiter;
        this.labelRequest = labelRequest;
        this.knownClasses = knownClasses;
        this.values = new CsvNumbers(dtype);
    }

    HostTensor read() throws IOException {
        readLines();
        return values.toTensor(rows, cols);
    }

    LabeledCsv readLabeled() throws IOException {
        readLines();
        List<String> features = header == null ? List.of()
                : IntStream.range(0, cols).filter(c -> c != label).mapToObj(c -> header[c]).toList();
        return new LabeledCsv(values.toTensor(rows, cols - 1), labels.toTensor(dtype), features, label,
                header == null ? "" : header[label], labels.classes());
    }

    /** The number of cells on the first line that is neither blank nor a comment; 0 when there is none. */
    int columns() throws IOException {
        int[] cells = {0};
        eachContentLine((line, lineNo) -> {
            cells[0] = CsvCells.split(line, delimiterOption.resolve(line), file, lineNo).length;
            return false;
        });
        return cells[0];
    }

    private void readLines() throws IOException {
        eachContentLine((line, lineNo) -> {
            if (cols < 0) {
                delimiter = delimiterOption.resolve(line);
            }
            row(CsvCells.split(line, delimiter, file, lineNo), lineNo);
            return true;
        });
        if (cols < 0) {
            throw new MalformedFileException(file, "no data: the file is empty or has only blank and"
                    + " comment lines; expected rows of numbers separated by , ; or tab");
        }
    }

    /** What to do with one line; false stops the reading. */
    private interface LineHandler {
        boolean accept(String line, int lineNo) throws MalformedFileException;
    }

    /**
     * Hands each line that is neither blank nor a comment (a leading byte-order mark removed) to
     * {@code handler}, with its 1-based number, until the file ends or the handler says stop.
     */
    private void eachContentLine(LineHandler handler) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(FileInput.openMaybeGzip(file), decoder),
                1 << 16)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !handler.accept(line, lineNo)) {
                    return;
                }
            }
        }
    }

    private void row(String[] cells, int lineNo) throws MalformedFileException {
        if (cols < 0) {
            cols = cells.length;
            if (noneNumeric(cells)) {
                header = cells;
                findLabel();
                return;
            }
            findLabel();
        } else if (cells.length != cols) {
            throw new MalformedFileException(file, "line " + lineNo + " has " + cells.length + " values, expected "
                    + cols + (header != null ? " (as many as the header has)" : " (as many as the first row has)")
                    + (cols == 1 || cells.length == 1 ? "; the delimiter is " + CsvDelimiter.describe(delimiter) : ""));
        }
        int numbers = label < 0 ? cols : cols - 1;
        if (!values.reserve(numbers)) {
            throw new MalformedFileException(file, "line " + lineNo + ": more values than a tensor holds"
                    + " (at most " + FileInput.MAX_ARRAY + ")");
        }
        for (int c = 0; c < cols; c++) {
            String v = cells[c];
            if (c == label) {
                labels.add(v, lineNo, where(lineNo, c));
            } else if (CsvNumbers.isNumber(v)) {
                values.add(v);
            } else {
                throw new MalformedFileException(file, where(lineNo, c) + ": "
                        + (v.isEmpty() ? "empty value" : "'" + shorten(v) + "' is not a number")
                        + (header == null && rows == 0
                        ? " (a header line must have no numeric field)" : "")
                        + (cols == 1 ? "; the delimiter is " + CsvDelimiter.describe(delimiter) : ""));
            }
        }
        rows++;
    }

    /** "line 17, column 3 (petal_length)": columns count from 1, as editors count. */
    private String where(int lineNo, int c) {
        return "line " + lineNo + ", column " + (c + 1) + (header == null ? "" : " (" + shorten(header[c]) + ")");
    }

    /** Resolves the label column once the first line has given the column count (and maybe names). */
    private void findLabel() throws MalformedFileException {
        if (labelRequest == null) {
            return;
        }
        label = LabelColumn.find(file, labelRequest, header, cols);
        labels = new CsvLabels(file, dtype, knownClasses);
    }

    private static boolean noneNumeric(String[] cells) {
        for (String c : cells) {
            if (CsvNumbers.isNumber(c)) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 37) + "...";
    }
}
