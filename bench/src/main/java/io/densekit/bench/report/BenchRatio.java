package io.densekit.bench.report;

import io.densekit.bench.harness.Workload;
import io.densekit.bench.rounds.RoundRatio;
import io.densekit.tensor.DType;

/**
 * One row of the JSON's {@code ratios}: a kernel's speed over a peer's in one case, from the rounds
 * they ran in turn: the median of the paired round ratios ({@code ratio}), its interval
 * ({@code low}..{@code high}, at confidence {@code coverage}) and {@code tie} where it holds 1.0.
 */
public record BenchRatio(String kernel, String against, String op, String dtype,
                         @com.fasterxml.jackson.annotation.JsonProperty("case") String label,
                         double ratio, double low, double high, double coverage, boolean tie) {

    /** The case a ratio was measured on. */
    public record Case(Workload workload, DType dtype) {
    }

    public static BenchRatio of(RoundRatio<Case> r) {
        return new BenchRatio(r.peer(), r.against(), r.subject().workload().op(), r.subject().dtype().shortName(),
                r.subject().workload().label(), r.median(), r.low(), r.high(), r.coverage(), r.tie());
    }

    /** "0.85x [0.80..0.91]", "1.02x [0.95..1.10] tie". */
    public String describe() {
        return new RoundRatio<>(null, kernel, against, ratio, low, high, coverage).describe();
    }
}
