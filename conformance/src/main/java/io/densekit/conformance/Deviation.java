package io.densekit.conformance;

import io.densekit.tensor.HostTensor;
import java.util.Locale;

/**
 * The worst error of a result against the reference's, in units of its error scale:
 * {@code |actual - expected| / (scale + MIN_NORMAL)}, maximised over elements, with {@code where}
 * naming the element. A NaN where the reference has a number (or the reverse) or a wrong shape is
 * an infinite error.
 */
public record Deviation(double error, String where) {

    /** Element-wise, each element against its own scale ({@code |expected|} when {@code scale} is null). */
    public static Deviation of(HostTensor expected, HostTensor actual, HostTensor scale) {
        if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
            return wrongShape(expected, actual);
        }
        double worst = 0;
        int at = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getFlat(i);
            double a = actual.getFlat(i);
            double err;
            if (Double.isNaN(e) || Double.isNaN(a)) {
                err = Double.isNaN(e) == Double.isNaN(a) ? 0 : Double.POSITIVE_INFINITY;
            } else {
                double s = (scale == null ? Math.abs(e) : scale.getFlat(i)) + Double.MIN_NORMAL;
                err = Math.abs(a - e) / s;
                err = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
            }
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        return new Deviation(worst, element(expected, actual, at, "%.9g"));
    }

    public static Deviation scalar(double expected, double actual, double scale) {
        double err = Math.abs(actual - expected) / (scale + Double.MIN_NORMAL);
        if (Double.isNaN(err)) {
            err = Double.isNaN(expected) && Double.isNaN(actual) ? 0 : Double.POSITIVE_INFINITY;
        }
        return new Deviation(err, String.format(Locale.ROOT, "%.9g vs %.9g", actual, expected));
    }

    /** An integer result that must match exactly (e.g. the count of correct rows). */
    public static Deviation exact(long expected, long actual) {
        return new Deviation(expected == actual ? 0 : Double.POSITIVE_INFINITY, actual + " vs " + expected);
    }

    /** A result that must equal another bit for bit (NaN equal to NaN, -0 not equal to 0). */
    public static Deviation identical(double expected, double actual) {
        return new Deviation(Double.compare(expected, actual) == 0 ? 0 : Double.POSITIVE_INFINITY,
                String.format(Locale.ROOT, "%.17g vs %.17g", actual, expected));
    }

    /** Element by element bit for bit, as {@link #identical(double, double)}. */
    public static Deviation identical(HostTensor expected, HostTensor actual) {
        if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
            return wrongShape(expected, actual);
        }
        for (int i = 0; i < expected.size(); i++) {
            if (Double.compare(expected.getFlat(i), actual.getFlat(i)) != 0) {
                return new Deviation(Double.POSITIVE_INFINITY, element(expected, actual, i, "%.17g"));
            }
        }
        return new Deviation(0, "bit for bit");
    }

    private static Deviation wrongShape(HostTensor expected, HostTensor actual) {
        return new Deviation(Double.POSITIVE_INFINITY, "shape " + actual.shapeString() + ", expected "
                + expected.shapeString());
    }

    /** Element {@code at} as {@code [row, col] actual vs expected}, the numbers in {@code digits}. */
    private static String element(HostTensor expected, HostTensor actual, int at, String digits) {
        int cols = Math.max(1, expected.cols());
        return String.format(Locale.ROOT, "[%d, %d] " + digits + " vs " + digits, at / cols, at % cols,
                actual.getFlat(at), expected.getFlat(at));
    }
}
