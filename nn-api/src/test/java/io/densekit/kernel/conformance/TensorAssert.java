package io.densekit.kernel.conformance;

import io.densekit.tensor.HostTensor;

/** Element-wise comparison against a reference with an explicit error scale per element. */
public final class TensorAssert {
    private TensorAssert() {
    }

    /**
     * Fails unless {@code |actual - expected| <= tol * scale} for every element, where scale is the
     * given tensor's element (or {@code |expected|} when null) plus {@code Double.MIN_NORMAL}.
     * Shapes must match; NaN matches only NaN.
     */
    public static void assertClose(String what, HostTensor expected, HostTensor actual, HostTensor scale, double tol) {
        if (expected.rows() != actual.rows() || expected.cols() != actual.cols()) {
            throw new AssertionError(what + ": shape " + actual.shapeString() + ", expected " + expected.shapeString());
        }
        double worst = 0;
        int worstAt = -1;
        int n = (int) expected.size();
        for (int i = 0; i < n; i++) {
            double e = expected.getFlat(i);
            double a = actual.getFlat(i);
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (Double.isNaN(e) != Double.isNaN(a)) {
                    throw new AssertionError(what + ": element " + index(expected, i) + " is " + a + ", expected " + e);
                }
                continue;
            }
            double s = (scale == null ? Math.abs(e) : scale.getFlat(i)) + Double.MIN_NORMAL;
            double err = Math.abs(a - e) / s;
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        if (worst > tol) {
            throw new AssertionError(String.format(
                    "%s: element %s is %.17g, expected %.17g: error %.3g of its scale %.3g exceeds %.3g",
                    what, index(expected, worstAt), actual.getFlat(worstAt), expected.getFlat(worstAt),
                    worst, scale == null ? Math.abs(expected.getFlat(worstAt)) : scale.getFlat(worstAt), tol));
        }
    }

    public static void assertScalarClose(String what, double expected, double actual, double scale, double tol) {
        double err = Math.abs(actual - expected) / (scale + Double.MIN_NORMAL);
        if (!(err <= tol)) {
            throw new AssertionError(String.format("%s: %.17g, expected %.17g: error %.3g of scale %.3g exceeds %.3g",
                    what, actual, expected, err, scale, tol));
        }
    }

    private static String index(HostTensor t, int flat) {
        return "[" + flat / Math.max(1, t.cols()) + ", " + flat % Math.max(1, t.cols()) + "]";
    }
}
