package io.densekit.bench.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** GFLOP/s against the size of a square GEMM, one line per kernel and dtype; baselines dashed. */
final class GemmChart {
    private GemmChart() {
    }

    static boolean applies(List<BenchResult> results) {
        return results.stream().anyMatch(GemmChart::square);
    }

    static XYChart of(List<BenchResult> results, String subtitle) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("densekit GEMM: " + subtitle)
                .xAxisTitle("n (square n x n x n GEMM)").yAxisTitle("GFLOP/s").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(7);
        Map<String, TreeMap<Integer, Double>> lines = new LinkedHashMap<>();
        Map<String, Boolean> external = new LinkedHashMap<>();
        for (BenchResult r : results) {
            if (square(r)) {
                String name = r.kernel() + " " + r.dtype();
                lines.computeIfAbsent(name, k -> new TreeMap<>()).put(r.shape().getFirst(), r.gflops());
                external.put(name, r.external());
            }
        }
        lines.forEach((name, points) -> {
            double[] x = points.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            if (external.get(name)) {
                s.setLineStyle(SeriesLines.DASH_DASH);
            }
        });
        return chart;
    }

    private static boolean square(BenchResult r) {
        return r.op().equals("gemm") && r.shape() != null && r.shape().stream().distinct().count() == 1
                && !Boolean.TRUE.equals(r.transA()) && !Boolean.TRUE.equals(r.transB());
    }
}
