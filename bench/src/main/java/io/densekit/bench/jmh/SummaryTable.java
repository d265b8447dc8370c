package io.densekit.bench.jmh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The table printed after JMH's own: each result's time per operation turned into its figure
 * (GFLOP/s, GB/s or samples/s; see {@link Work}), and the allocation per operation when the run
 * had {@code -prof gc}.
 */
final class SummaryTable {
    static final String ALLOC = "gc.alloc.rate.norm";

    private SummaryTable() {
    }

    /**
     * One result. {@code bytesPerOp} is NaN without the gc profiler.
     *
     * @param benchmark the full name, e.g. "io.densekit.bench.jmh.SquareGemmBenchmark.gemm"
     */
    record Row(String benchmark, Map<String, String> params, double score, double error, String unit,
               double bytesPerOp) {

        static Row of(RunResult r) {
            BenchmarkParams p = r.getParams();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : p.getParamsKeys()) {
                params.put(key, p.getParam(key));
            }
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get(ALLOC);
            return new Row(p.getBenchmark(), params, primary.getScore(), primary.getScoreError(),
                    primary.getScoreUnit(), alloc == null ? Double.NaN : alloc.getScore());
        }

        /** "42.0 GFLOP/s", or "" when the unit or the benchmark has no figure. */
        String figure() {
            OptionalDouble seconds = ScoreUnits.secondsPerOp(score, unit);
            if (seconds.isEmpty()) {
                return "";
            }
            return Suite.work(benchmark, params).map(w -> w.format(seconds.getAsDouble())).orElse("");
        }

        String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        String otherParams() {
            return params.entrySet().stream().filter(e -> !e.getKey().equals("kernel") && !e.getKey().equals("dtype"))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
    }

    static String format(List<Row> rows) {
        boolean alloc = rows.stream().anyMatch(r -> !Double.isNaN(r.bytesPerOp()));
        List<String[]> cells = new ArrayList<>();
        cells.add(alloc ? new String[] {"Benchmark", "kernel", "dtype", "params", "time/op", "figure", "B/op"}
                : new String[] {"Benchmark", "kernel", "dtype", "params", "time/op", "figure"});
        for (Row r : rows) {
            String time = String.format(Locale.ROOT, "%.3f \u00b1 %.3f %s", r.score(),
                    Double.isNaN(r.error()) ? 0.0 : r.error(), r.unit());
            String kernel = r.params().getOrDefault("kernel", "");
            String dtype = r.params().getOrDefault("dtype", "");
            cells.add(alloc
                    ? new String[] {r.shortName(), kernel, dtype, r.otherParams(), time, r.figure(),
                        Double.isNaN(r.bytesPerOp()) ? "" : String.format(Locale.ROOT, "%.0f", r.bytesPerOp())}
                    : new String[] {r.shortName(), kernel, dtype, r.otherParams(), time, r.figure()});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // Text left, numbers right, as JMH aligns its own table.
                boolean right = i >= 4;
                String pad = " ".repeat(width[i] - row[i].length());
                line.append(right ? pad + row[i] : row[i] + pad).append(i < row.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
