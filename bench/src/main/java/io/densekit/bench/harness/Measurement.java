package io.densekit.bench.harness;

import io.densekit.tensor.DType;

/**
 * One timed case: who ran it ({@code engine}: a densekit kernel, or an external baseline such as
 * "numpy" when {@code external}), in which dtype, what, and how long it took.
 */
public record Measurement(String engine, boolean external, DType dtype, Workload workload, Timing timing) {
}
