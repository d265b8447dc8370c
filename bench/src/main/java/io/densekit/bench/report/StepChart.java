package io.densekit.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Training-step throughput as bars: one group per model and batch, one bar per kernel and dtype. */
final class StepChart {
    private StepChart() {
    }

    static boolean applies(List<BenchResult> results) {
        return results.stream().anyMatch(r -> r.op().equals("step"));
    }

    static CategoryChart of(List<BenchResult> results, String subtitle) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title("densekit training step: " + subtitle).xAxisTitle("model, batch")
                .yAxisTitle("samples/s (log scale)").build();
        chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(Styler.LegendPosition.OutsideE);
        Set<String> cases = new LinkedHashSet<>();
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        for (BenchResult r : results) {
            if (r.op().equals("step")) {
                cases.add(r.label());
                bars.computeIfAbsent(r.kernel() + " " + r.dtype(), k -> new LinkedHashMap<>())
                        .put(r.label(), r.samplesPerS());
            }
        }
        List<String> x = List.copyOf(cases);
        // Bars start at zero unless told otherwise, which a log axis cannot show: start at the power of ten below.
        double min = bars.values().stream().flatMap(v -> v.values().stream()).mapToDouble(Double::doubleValue)
                .min().orElse(1);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        bars.forEach((name, values) -> {
            // Every series spans every case; a case the engine did not run is a gap (null), not a zero.
            List<Double> y = new ArrayList<>();
            x.forEach(c -> y.add(values.get(c)));
            chart.addSeries(name, x, y);
        });
        return chart;
    }
}
