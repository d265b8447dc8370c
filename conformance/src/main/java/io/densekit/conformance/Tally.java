package io.densekit.conformance;

import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps, per operation, the result that came closest to (or went furthest past) its tolerance. */
public final class Tally implements Recorder {
    private final String kernel;
    private final DType dtype;
    private final Map<String, CheckResult> worst = new LinkedHashMap<>();
    private int cases;

    public Tally(String kernel, DType dtype) {
        this.kernel = kernel;
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    @Override
    public void record(String op, String what, Deviation d, double tolerance) {
        cases++;
        CheckResult r = new CheckResult(kernel, dtype, op, d.error(), tolerance, what + ": " + d.where());
        CheckResult old = worst.get(op);
        if (old == null || r.usage() > old.usage()) {
            worst.put(op, r);
        }
    }

    /** A case that threw instead of computing: a mismatch of its operation, with the exception as the reason. */
    public void failed(String op, String what, RuntimeException e) {
        record(op, what, new Deviation(Double.POSITIVE_INFINITY, "threw " + e), 0);
    }

    public List<CheckResult> results() {
        return new ArrayList<>(worst.values());
    }

    /** The results recorded: one per compared tensor or value. */
    public int cases() {
        return cases;
    }
}
