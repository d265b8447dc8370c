package io.densekit.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.densekit.bench.harness.Skip;
import io.densekit.bench.harness.StepWorkload;

/** A row of the JSON's {@code skipped}: a kernel, dtype or case that was not measured, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkippedCase(String kernel, String dtype, String op, @JsonProperty("case") String label, String model,
                          String reason) {

    public static SkippedCase of(Skip s) {
        return new SkippedCase(s.engine(), s.dtype() == null ? null : s.dtype().shortName(),
                s.workload() == null ? null : s.workload().op(), s.workload() == null ? null : s.workload().label(),
                s.workload() instanceof StepWorkload w ? w.model() + " (" + w.loss().cliName() + ")" : null, s.reason());
    }
}
