package io.densekit.io;

import io.densekit.tensor.HostTensor;

/** Checks on loaded data whose failures should name the file and the place in it. */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Throws unless every element is finite. The message names {@code source} (usually the file
     * name), the first offending row and column (0-based, as numpy indexes) and how many more there
     * are, e.g. {@code X.npy: row 12, column 3 (0-based) is NaN; the data must be finite}.
     */
    public static void requireFinite(HostTensor t, String source) {
        long n = t.size();
        long first = -1;
        long bad = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(t.getFlat(i))) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (first < 0) {
            return;
        }
        double v = t.getFlat((int) first);
        String what = Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
        String where = t.shape().length == 1 ? "element " + first + " (0-based)"
                : "row " + first / t.cols() + ", column " + first % t.cols() + " (0-based)";
        throw new IllegalArgumentException(source + ": " + where + " is " + what
                + (bad > 1 ? " (and " + (bad - 1) + " more non-finite values)" : "")
                + "; the data must be finite");
    }
}
