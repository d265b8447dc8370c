package io.densekit.conformance;

import io.densekit.tensor.DType;

/** The worst case of one operation on one kernel and dtype: its error, the tolerance there, and where. */
public record CheckResult(String kernel, DType dtype, String op, double error, double tolerance, String where) {

    /** Within tolerance; NaN never is. */
    public boolean ok() {
        return error <= tolerance;
    }

    /** How much of the tolerance the error uses: the measure by which cases are compared. */
    double usage() {
        if (Double.isNaN(error)) {
            return Double.POSITIVE_INFINITY;
        }
        return tolerance == 0 ? (error == 0 ? 0 : Double.POSITIVE_INFINITY) : error / tolerance;
    }
}
