package io.densekit.bench.harness;

import io.densekit.tensor.DType;
import java.util.List;

/**
 * What one {@code densekit bench} run measures: the workloads, in each dtype, timed as
 * {@code timing} says. The reference kernel skips every workload above {@code referenceMaxFlops}
 * per call: its naive loops would take minutes where the others take milliseconds.
 */
public record BenchPlan(List<Workload> workloads, List<DType> dtypes, TimingPlan timing, double referenceMaxFlops) {

    public BenchPlan {
        workloads = List.copyOf(workloads);
        dtypes = List.copyOf(dtypes);
        if (workloads.isEmpty() || dtypes.isEmpty()) {
            throw new IllegalArgumentException("nothing to measure: no workload or no dtype");
        }
    }

    /** The GEMM flop count of a square n, as the cap is given on the command line. */
    public static double squareFlops(int n) {
        return 2.0 * n * n * n;
    }
}
