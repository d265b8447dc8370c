package io.densekit.bench.report;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Measurement;
import io.densekit.bench.harness.StepWorkload;
import io.densekit.bench.harness.Timing;
import java.util.List;
import java.util.Locale;

/** Turns measured times into the reported figures, and formats them. Nothing here measures. */
public final class Figures {
    private Figures() {
    }

    /** GFLOP/s of a GEMM or samples/s of a step, from the median time. */
    public static BenchResult result(Measurement m) {
        Timing t = m.timing();
        double median = t.medianMs();
        String dtype = m.dtype().shortName();
        int samples = t.samplesMs().length;
        return switch (m.workload()) {
            case GemmWorkload g -> new BenchResult(m.engine(), m.external(), g.op(), dtype, g.label(),
                    List.of(g.m(), g.k(), g.n()), g.transA(), g.transB(), null, null, null,
                    g.flops() / (median * 1e6), null, median, t.minMs(), t.maxMs(), samples, t.runsPerSample());
            case StepWorkload s -> new BenchResult(m.engine(), m.external(), s.op(), dtype, s.label(),
                    null, null, null, s.model().toString(), s.loss().cliName(), s.batch(),
                    null, s.batch() / (median / 1e3), median, t.minMs(), t.maxMs(), samples, t.runsPerSample());
        };
    }

    public static List<BenchResult> results(List<Measurement> ms) {
        return ms.stream().map(Figures::result).toList();
    }

    /** Three significant digits below 100, whole numbers with thin groups above: 0.523, 12.3, 145, 12 345. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : Math.abs(v) >= 1 ? "%.2f" : "%.3g", v);
    }

    /** A ratio as e.g. "12.3x" or "0.85x". */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.1fx" : "%.2fx", r);
    }
}
