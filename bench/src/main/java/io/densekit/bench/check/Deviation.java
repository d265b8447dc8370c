package io.densekit.bench.check;

import io.densekit.tensor.HostTensor;
import java.util.Locale;

/**
 * The worst error of a result against the reference's, in units of its error scale:
 * {@code |actual - expected| / (scale + MIN_NORMAL)}, maximised over elements, with {@code where}
 * naming the element. A NaN where the reference has a number (or the reverse) or a wrong shape is
 * an infinite error.
 */
public record Deviation(double error, String where) {

    public static Deviation of(HostTensor expected, HostTensor actual, HostTensor scale) {
        if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
            return new Deviation(Double.POSITIVE_INFINITY, "shape " + actual.shapeString() + ", expected "
                    + expected.shapeString());
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
        int cols = Math.max(1, expected.cols());
        return new Deviation(worst, String.format(Locale.ROOT, "[%d, %d] %.9g vs %.9g", at / cols, at % cols,
                actual.getFlat(at), expected.getFlat(at)));
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
}
