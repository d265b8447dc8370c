package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads one numeric CSV file into a growing array; see {@link Csv#read}. */
final class CsvReader {
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final Path file;
    private final DType dtype;
    private float[] floats;
    private double[] doubles;
    private int count;
    private int cols = -1;
    private int rows;
    private boolean headerSeen;

    CsvReader(Path file, DType dtype) {
        this.file = file;
        this.dtype = dtype;
        if (dtype == DType.F32) {
            floats = new float[64];
        } else {
            doubles = new double[64];
        }
    }

    HostTensor read() throws IOException {
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
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                row(line.split(",", -1), lineNo);
            }
        }
        if (cols < 0) {
            throw new MalformedFileException(file, "no data: the file is empty or has only blank and"
                    + " comment lines; expected rows of comma-separated numbers");
        }
        return dtype == DType.F32
                ? HostTensor.wrap(Arrays.copyOf(floats, count), rows, cols)
                : HostTensor.wrap(Arrays.copyOf(doubles, count), rows, cols);
    }

    private void row(String[] fields, int lineNo) throws MalformedFileException {
        if (cols < 0 && !headerSeen && noneNumeric(fields)) {
            headerSeen = true;
            cols = fields.length;
            return;
        }
        if (cols < 0) {
            cols = fields.length;
        } else if (fields.length != cols) {
            throw new MalformedFileException(file, "line " + lineNo + " has " + fields.length
                    + " values, expected " + cols + (headerSeen ? " (as many as the header has)"
                    : " (as many as the first row has)"));
        }
        if ((long) count + cols > FileInput.MAX_ARRAY) {
            throw new MalformedFileException(file, "line " + lineNo + ": more values than a tensor holds"
                    + " (at most " + FileInput.MAX_ARRAY + ")");
        }
        ensureCapacity(count + cols);
        for (int c = 0; c < cols; c++) {
            String v = unquote(fields[c].strip());
            if (!isNumber(v)) {
                throw new MalformedFileException(file, "line " + lineNo + ", column " + (c + 1) + ": "
                        + (v.isEmpty() ? "empty value" : "'" + shorten(v) + "' is not a number")
                        + (!headerSeen && rows == 0
                        ? " (a header line must have no numeric field)" : ""));
            }
            if (dtype == DType.F32) {
                floats[count++] = (float) special(v, true);
            } else {
                doubles[count++] = special(v, false);
            }
        }
        rows++;
    }

    private boolean noneNumeric(String[] fields) {
        for (String f : fields) {
            if (isNumber(unquote(f.strip()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String v) {
        return NUMBER.matcher(v).matches() || specialName(v) != null;
    }

    /** Parses in the target precision: parsing to double first and rounding would round twice. */
    private static double special(String v, boolean f32) {
        Double s = specialName(v);
        if (s != null) {
            return s;
        }
        return f32 ? Float.parseFloat(v) : Double.parseDouble(v);
    }

    /** NaN and the infinities as numpy and Java write them (nan, inf, Infinity, any case). */
    private static Double specialName(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        boolean negative = s.startsWith("-");
        if (negative || s.startsWith("+")) {
            s = s.substring(1);
        }
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf", "infinity" -> negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default -> null;
        };
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).strip() : v;
    }

    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 37) + "...";
    }

    private void ensureCapacity(int needed) {
        int capacity = floats != null ? floats.length : doubles.length;
        if (needed <= capacity) {
            return;
        }
        int grown = (int) Math.min(FileInput.MAX_ARRAY, Math.max(needed, 2L * capacity));
        if (floats != null) {
            floats = Arrays.copyOf(floats, grown);
        } else {
            doubles = Arrays.copyOf(doubles, grown);
        }
    }
}
