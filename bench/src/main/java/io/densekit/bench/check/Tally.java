package io.densekit.bench.check;

import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps, per operation, the case that came closest to (or went furthest past) its tolerance. */
public final class Tally {
    private final String kernel;
    private final DType dtype;
    private final Map<String, CheckResult> worst = new LinkedHashMap<>();
    private int cases;

    Tally(String kernel, DType dtype) {
        this.kernel = kernel;
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    /** Records one case of {@code op}: {@code what} names the case, {@code tolerance} its bound. */
    public void record(String op, String what, Deviation d, double tolerance) {
        cases++;
        CheckResult r = new CheckResult(kernel, dtype, op, d.error(), tolerance, what + ": " + d.where());
        CheckResult old = worst.get(op);
        if (old == null || r.usage() > old.usage()) {
            worst.put(op, r);
        }
    }

    /** A case that threw instead of computing: a mismatch, with the exception as the reason. */
    public void failed(String op, String what, RuntimeException e) {
        record(op, what, new Deviation(Double.POSITIVE_INFINITY, "threw " + e), 0);
    }

    public List<CheckResult> results() {
        return new ArrayList<>(worst.values());
    }

    public int cases() {
        return cases;
    }
}
