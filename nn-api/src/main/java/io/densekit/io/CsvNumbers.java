package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The numbers of a CSV file, parsed in the target precision into an array that grows as rows arrive.
 * Accepts decimal numbers with an optional exponent, and nan, inf and Infinity (any case, signed).
 */
final class CsvNumbers {
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private float[] floats;
    private double[] doubles;
    private int count;

    CsvNumbers(DType dtype) {
        if (dtype == DType.F32) {
            floats = new float[64];
        } else {
            doubles = new double[64];
        }
    }

    /** Room for {@code more} values; false when the total would exceed what an array holds. */
    boolean reserve(int more) {
        long needed = (long) count + more;
        if (needed > FileInput.MAX_ARRAY) {
            return false;
        }
        int capacity = floats != null ? floats.length : doubles.length;
        if (needed > capacity) {
            int grown = (int) Math.min(FileInput.MAX_ARRAY, Math.max(needed, 2L * capacity));
            if (floats != null) {
                floats = Arrays.copyOf(floats, grown);
            } else {
                doubles = Arrays.copyOf(doubles, grown);
            }
        }
        return true;
    }

    /** Appends {@code v}, which {@link #isNumber} accepted, after {@link #reserve}. */
    void add(String v) {
        if (floats != null) {
            floats[count++] = (float) parse(v, true);
        } else {
            doubles[count++] = parse(v, false);
        }
    }

    HostTensor toTensor(int... shape) {
        return floats != null ? HostTensor.wrap(Arrays.copyOf(floats, count), shape)
                : HostTensor.wrap(Arrays.copyOf(doubles, count), shape);
    }

    static boolean isNumber(String v) {
        return NUMBER.matcher(v).matches() || specialName(v) != null;
    }

    /** Parses in the target precision: parsing to double first and rounding would round twice. */
    private static double parse(String v, boolean f32) {
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
}
