package io.densekit.bench.infer;

/**
 * One contender's figures for one case: latency percentiles over every call of every round, and
 * rows per second (all calling threads together) as the median round, with the slowest and fastest.
 */
public record InferenceResult(String peer, InferenceCase inferenceCase, long calls, double p50Micros,
                              double p99Micros, double rowsPerSecond, double minRowsPerSecond,
                              double maxRowsPerSecond) {

    /** (fastest - slowest) / median round: how far the rounds lie apart. */
    public double spread() {
        return (maxRowsPerSecond - minRowsPerSecond) / rowsPerSecond;
    }
}
