package io.densekit.bench.report;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Machine;
import io.densekit.bench.harness.Measurement;
import io.densekit.bench.harness.Skip;
import io.densekit.bench.harness.StepWorkload;
import io.densekit.bench.harness.Timing;
import io.densekit.tensor.DType;
import java.util.List;
import java.util.Map;

/** A report made from chosen times, so every figure in it can be worked out by hand. */
final class Fixed {
    static final GemmWorkload G100 = GemmWorkload.square(100);
    static final GemmWorkload G200 = GemmWorkload.square(200);
    static final StepWorkload SEED = StepWorkload.standard().getFirst();

    private Fixed() {
    }

    /**
     * GEMM 100: 2e6 flops. reference 2 ms (1 GFLOP/s), fast 0.2 ms (10), numpy 0.1 ms (20).
     * GEMM 200: 1.6e7 flops. fast 0.8 ms (20), numpy 1.6 ms (10); reference skipped.
     * Step seed (batch 333): reference 3.33 ms (100 000 samples/s), fast 0.333 ms (1 000 000).
     */
    static List<Measurement> measurements() {
        return List.of(
                m("reference", false, G100, 2.0), m("fast", false, G100, 0.2), m("numpy", true, G100, 0.1),
                m("fast", false, G200, 0.8), m("numpy", true, G200, 1.6),
                m("reference", false, SEED, 3.33), m("fast", false, SEED, 0.333));
    }

    static List<Skip> skips() {
        return List.of(new Skip("reference", DType.F32, G200, "too slow above the work of a 128^3 GEMM"),
                Skip.engine("cuda", "no GPU"));
    }

    static BenchReport report() {
        return new BenchReport(new Machine("Test CPU", "Zen 3 (AMD family 25 model 1)", 2, "512-bit", "25", "Linux amd64", "none", "0.5"), "quick",
                "fixed", List.of(new KernelEntry("fast", true, "cpu", "fast kernel", null)), Map.of("numpy", "numpy 9, OpenBLAS 0.3.31 (core Zen), 2 threads"),
                Figures.results(measurements()), ratios(), skips().stream().map(SkippedCase::of).toList());
    }

    /** fast against numpy on GEMM 100 (slower, clearly) and GEMM 200 (a tie), as interleaved rounds gave them. */
    static List<BenchRatio> ratios() {
        return List.of(new BenchRatio("fast", "numpy", "gemm", "f32", "100", 0.5, 0.45, 0.55, 0.98, false),
                new BenchRatio("fast", "numpy", "gemm", "f32", "200", 2.0, 0.9, 2.2, 0.98, true));
    }

    /** Samples around the median so that min, median and max differ. */
    private static Measurement m(String engine, boolean external, io.densekit.bench.harness.Workload w, double ms) {
        return new Measurement(engine, external, DType.F32, w, Timing.of(4, ms * 0.9, ms, ms * 1.2));
    }
}
