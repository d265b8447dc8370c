package io.densekit.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One row of the JSON's {@code results}: who ran what and the figure computed from the median time.
 * A GEMM has {@code shape} [m, k, n] (and its transposes) and {@code gflops}; a training step has
 * {@code model} (the CLI's spec string), {@code loss}, {@code batch} and {@code samples_per_s}.
 * {@code external} marks the numpy/PyTorch baselines; {@code case} is the table's column label.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String kernel, boolean external, String op, String dtype, @JsonProperty("case") String label,
                          List<Integer> shape, Boolean transA, Boolean transB, String model, String loss,
                          Integer batch, Double gflops, Double samplesPerS, double medianMs, double minMs,
                          double maxMs, int samples, int runsPerSample) {

    /** The figure the tables and charts show: GFLOP/s for GEMM, samples per second for a step. */
    public double figure() {
        return gflops != null ? gflops : samplesPerS;
    }
}
