package io.densekit.bench.report;

import io.densekit.cli.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The terminal report of one op in one dtype: kernels (then baselines) by case, the figure of each
 * with the best per case marked, the speed-up over the reference kernel, and each kernel's ratio to
 * each peer from their interleaved rounds: the median with its interval, "tie" where that holds 1.0.
 * Everything is computed from the results given; nothing is measured here.
 */
public final class ResultTable {
    static final String REFERENCE = "reference";
    private final String op;
    private final String dtype;
    private final List<BenchResult> results;
    private final List<BenchRatio> ratios;
    private final List<SkippedCase> skipped;
    private final List<String> columns;
    private final List<String> engines;

    public ResultTable(String op, String dtype, List<BenchResult> all, List<BenchRatio> ratios,
                       List<SkippedCase> skipped) {
        this.op = op;
        this.dtype = dtype;
        this.results = all.stream().filter(r -> r.op().equals(op) && r.dtype().equals(dtype)).toList();
        this.ratios = ratios.stream().filter(r -> r.op().equals(op) && r.dtype().equals(dtype)).toList();
        this.skipped = skipped.stream().filter(s -> op.equals(s.op()) && dtype.equals(s.dtype())).toList();
        Set<String> cols = new LinkedHashSet<>();
        results.forEach(r -> cols.add(r.label()));
        this.skipped.stream().filter(s -> s.label() != null).forEach(s -> cols.add(s.label()));
        this.columns = List.copyOf(cols);
        Set<String> rows = new LinkedHashSet<>();
        results.stream().filter(r -> !r.external()).forEach(r -> rows.add(r.kernel()));
        this.skipped.forEach(s -> rows.add(s.kernel()));
        results.stream().filter(BenchResult::external).forEach(r -> rows.add(r.kernel()));
        this.engines = List.copyOf(rows);
    }

    /** Every table of a report: each op, then each dtype, in that order. */
    public static void printAll(BenchReport report, PrintWriter out) {
        for (String op : List.of("gemm", "step")) {
            for (String dt : List.of("f32", "f64")) {
                ResultTable t = new ResultTable(op, dt, report.results(), report.ratios(), report.skipped());
                if (!t.isEmpty()) {
                    t.print(out);
                }
            }
        }
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    public void print(PrintWriter out) {
        String unit = op.equals("gemm") ? "GFLOP/s" : "samples/s";
        out.printf("%s %s, %s (higher is better; * best per column; median of %d samples)%n",
                op.equals("gemm") ? "GEMM" : "Training step", dtype, unit,
                results.stream().mapToInt(BenchResult::samples).max().orElse(0));
        figures().print(out);
        legend(out);
        Optional<Table> speedUp = speedUp();
        if (speedUp.isPresent()) {
            out.println("speed-up over the reference kernel");
            speedUp.get().print(out);
        }
        for (String baseline : engines) {
            if (isExternal(baseline) && ratios.stream().anyMatch(r -> r.against().equals(baseline))) {
                out.println("kernel / " + baseline + ", median of paired rounds [95% interval] (above 1: the kernel"
                        + " faster; tie: the interval holds 1)");
                ratios(baseline).print(out);
            }
        }
        spread(out);
        out.println();
        out.flush();
    }

    /** The figure of every engine and case; "-" where a case was skipped, explained under the table. */
    Table figures() {
        Table t = table();
        for (String e : engines) {
            List<Object> row = new ArrayList<>(List.of(e));
            for (String c : columns) {
                row.add(find(e, c).map(r -> Figures.format(r.figure()) + (isBest(r) ? "*" : " "))
                        .orElse(skipReason(e, c).isPresent() ? "- " : ""));
            }
            t.add(row.toArray());
        }
        return t;
    }

    /** Each engine's figure over the reference kernel's, where both were measured. */
    Optional<Table> speedUp() {
        if (results.stream().noneMatch(r -> r.kernel().equals(REFERENCE) && !r.external())
                || engines.stream().allMatch(REFERENCE::equals)) {
            return Optional.empty();
        }
        Table t = table();
        for (String e : engines) {
            if (!e.equals(REFERENCE)) {
                t.add(ratioRow(e, REFERENCE));
            }
        }
        return Optional.of(t);
    }

    /** Each kernel's speed over the peer's, from the rounds they ran in turn. */
    Table ratios(String peer) {
        Table t = table();
        for (String e : engines) {
            if (ratios.stream().anyMatch(r -> r.kernel().equals(e) && r.against().equals(peer))) {
                List<Object> row = new ArrayList<>(List.of(e));
                for (String c : columns) {
                    row.add(ratios.stream().filter(r -> r.kernel().equals(e) && r.against().equals(peer)
                            && r.label().equals(c)).findFirst().map(BenchRatio::describe).orElse("-"));
                }
                t.add(row.toArray());
            }
        }
        return t;
    }

    private Object[] ratioRow(String engine, String over) {
        List<Object> row = new ArrayList<>(List.of(engine));
        for (String c : columns) {
            Optional<BenchResult> a = find(engine, c);
            Optional<BenchResult> b = find(over, c);
            row.add(a.isPresent() && b.isPresent() ? Figures.ratio(a.get().figure() / b.get().figure()) : "-");
        }
        return row.toArray();
    }

    private Table table() {
        // Square sizes read "n = 256 ..."; any other shape is labelled m x k x n with its transposes.
        boolean square = columns.stream().allMatch(c -> c.chars().allMatch(Character::isDigit));
        List<String> headers = new ArrayList<>(List.of(!op.equals("gemm") ? "KERNEL" : square ? "KERNEL       n ="
                : "KERNEL   m x k x n, op(A) op(B) ="));
        columns.forEach(c -> headers.add(">" + c));
        return new Table("  ", headers.toArray(String[]::new));
    }

    private void legend(PrintWriter out) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String e : engines) {
            for (String c : columns) {
                if (find(e, c).isEmpty()) {
                    skipReason(e, c).ifPresent(r -> reasons.putIfAbsent(e + ": " + r, c));
                }
            }
        }
        reasons.keySet().forEach(r -> out.println("  - not run: " + r));
        if (op.equals("step")) {
            Map<String, String> models = new LinkedHashMap<>();
            results.forEach(r -> models.putIfAbsent(modelName(r.label()), r.model() + " (" + r.loss() + ")"));
            skipped.stream().filter(s -> s.model() != null).forEach(s -> models.putIfAbsent(modelName(s.label()), s.model()));
            models.forEach((name, spec) -> out.println("  " + name + " = " + spec));
        }
    }

    /** "mnist" of the label "mnist b64". */
    private static String modelName(String label) {
        int b = label.lastIndexOf(" b");
        return b < 0 ? label : label.substring(0, b);
    }

    private void spread(PrintWriter out) {
        BenchResult worst = null;
        double worstSpread = -1;
        for (BenchResult r : results) {
            double s = (r.maxMs() - r.minMs()) / r.medianMs();
            if (s > worstSpread) {
                worstSpread = s;
                worst = r;
            }
        }
        if (worst != null) {
            out.printf(Locale.ROOT, "  largest spread (max-min)/median: %.0f%% (%s %s)%n", 100 * worstSpread,
                    worst.kernel(), worst.label());
        }
    }

    private boolean isBest(BenchResult r) {
        return results.stream().filter(o -> o.label().equals(r.label())).mapToDouble(BenchResult::figure).max()
                .orElse(Double.NaN) == r.figure();
    }

    private boolean isExternal(String engine) {
        return results.stream().anyMatch(r -> r.kernel().equals(engine) && r.external());
    }

    private Optional<BenchResult> find(String engine, String column) {
        return results.stream().filter(r -> r.kernel().equals(engine) && r.label().equals(column)).findFirst();
    }

    private Optional<String> skipReason(String engine, String column) {
        return skipped.stream().filter(s -> s.kernel().equals(engine) && column.equals(s.label()))
                .map(SkippedCase::reason).findFirst();
    }
}
