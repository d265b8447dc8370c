package io.densekit.bench.harness;

import io.densekit.tensor.DType;
import java.util.List;

/**
 * What one {@code densekit bench} run measures: the workloads, in each dtype, timed as
 * {@code timing} says. The reference kernel skips every workload with more work per call than a
 * square GEMM of size {@code referenceLimit}: its naive loops would take minutes where the others
 * take milliseconds.
 */
public record BenchPlan(List<Workload> workloads, List<DType> dtypes, TimingPlan timing, int referenceLimit) {

    public BenchPlan {
        workloads = List.copyOf(workloads);
        dtypes = List.copyOf(dtypes);
        if (workloads.isEmpty() || dtypes.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: no workload or no dtype");
        }
    }

    /** The most flops per call the reference kernel is given: those of a square GEMM of the limit's size. */
    public double referenceMaxFlops() {
        return 2.0 * referenceLimit * referenceLimit * referenceLimit;
    }

    /** Why the reference kernel skips a workload above the limit. */
    public String referenceSkipReason() {
        return "too slow above the work of a " + referenceLimit + "^3 GEMM (--reference-limit N raises it)";
    }
}
