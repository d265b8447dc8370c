package io.densekit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures, table and JSON are computed from the measured times: checked here on times chosen by hand. */
class ReportTest {

    @Test
    void figuresComeFromTheMedianTime() {
        List<BenchResult> r = Fixed.report().results();
        assertThat(r.get(0).gflops()).isCloseTo(1.0, within(1e-12));
        assertThat(r.get(1).gflops()).isCloseTo(10.0, within(1e-12));
        assertThat(r.get(4).gflops()).isCloseTo(10.0, within(1e-12));
        assertThat(r.get(5).samplesPerS()).isCloseTo(100_000, within(1e-6));
        assertThat(r.get(6).samplesPerS()).isCloseTo(1_000_000, within(1e-6));
        assertThat(r.get(6).medianMs()).isEqualTo(0.333);
        assertThat(r.get(6).minMs()).isCloseTo(0.333 * 0.9, within(1e-12));
    }

    @Test
    void jsonHasTheMachineAndOneResultPerMeasurement() throws Exception {
        JsonNode root = new ObjectMapper().readTree(JsonReport.toJson(Fixed.report()));
        assertThat(root.get("machine").get("cpu").asText()).isEqualTo("Test CPU");
        assertThat(root.get("machine").get("cores").asInt()).isEqualTo(2);
        JsonNode results = root.get("results");
        assertThat(results).hasSize(7);
        JsonNode gemm = results.get(1);
        assertThat(gemm.get("kernel").asText()).isEqualTo("fast");
        assertThat(gemm.get("op").asText()).isEqualTo("gemm");
        assertThat(gemm.get("dtype").asText()).isEqualTo("f32");
        assertThat(gemm.get("shape").toString()).isEqualTo("[100,100,100]");
        assertThat(gemm.get("gflops").asDouble()).isCloseTo(10.0, within(1e-9));
        assertThat(gemm.get("median_ms").asDouble()).isEqualTo(0.2);
        assertThat(gemm.has("samples_per_s")).isFalse();
        assertThat(gemm.has("model")).isFalse();
        JsonNode step = results.get(6);
        assertThat(step.get("op").asText()).isEqualTo("step");
        assertThat(step.get("model").asText()).isEqualTo("6,32:tanh,32:softmax,32:sigmoid,32:relu,3");
        assertThat(step.get("batch").asInt()).isEqualTo(333);
        assertThat(step.get("samples_per_s").asDouble()).isCloseTo(1e6, within(1e-3));
        assertThat(step.has("gflops")).isFalse();
        assertThat(results.get(2).get("external").asBoolean()).isTrue();
        assertThat(root.get("skipped").get(0).get("case").asText()).isEqualTo("200");
        assertThat(root.get("machine").get("microarchitecture").asText()).isEqualTo("Zen 3 (AMD family 25 model 1)");
        assertThat(root.get("peers").get("numpy").asText()).isEqualTo("numpy 9, OpenBLAS 0.3.31 (core Zen), 2 threads");
        JsonNode tie = root.get("ratios").get(1);
        assertThat(tie.get("kernel").asText()).isEqualTo("fast");
        assertThat(tie.get("against").asText()).isEqualTo("numpy");
        assertThat(tie.get("case").asText()).isEqualTo("200");
        assertThat(tie.get("low").asDouble()).isEqualTo(0.9);
        assertThat(tie.get("tie").asBoolean()).isTrue();
    }

    @Test
    void headerNamesTheMicroarchitectureAndEveryPeersConfiguration() {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        ReportHeader.printMachine(Fixed.report().machine(), out);
        ReportHeader.printKernels(Fixed.report(), out);
        assertThat(s.toString()).contains("machine: Test CPU, 2 cores")
                .contains("microarchitecture: Zen 3 (AMD family 25 model 1)");
        assertThat(s.toString().lines()).anySatisfy(l -> assertThat(l.trim().split("\\s{2,}"))
                .containsExactly("numpy", "peer", "numpy 9, OpenBLAS 0.3.31 (core Zen), 2 threads"));
    }

    @Test
    void tableShowsFiguresBestMarkedSpeedUpsAndRatiosToBaselines() {
        String text = gemmTable();
        List<String> lines = text.lines().toList();
        assertThat(lines.getFirst()).startsWith("GEMM f32, GFLOP/s");
        assertThat(row(lines, 1, "reference")).containsExactly("1.00", "-");
        assertThat(row(lines, 1, "fast")).containsExactly("10.0", "20.0*");
        assertThat(row(lines, 1, "numpy")).containsExactly("20.0*", "10.0");
        assertThat(text).contains("- not run: reference: too slow above the work of a 128^3 GEMM");
        int speedUp = lines.indexOf("speed-up over the reference kernel");
        assertThat(row(lines, speedUp + 1, "fast")).containsExactly("10.0x", "-");
        assertThat(row(lines, speedUp + 1, "numpy")).containsExactly("20.0x", "-");
        int vsNumpy = lines.indexOf("kernel / numpy, median of paired rounds [95% interval] (above 1: the kernel"
                + " faster; tie: the interval holds 1)");
        assertThat(vsNumpy).isPositive();
        // The ratios of the interleaved rounds, not the quotient of the medians (which for 200 is 2.00x).
        assertThat(row(lines, vsNumpy + 1, "fast")).containsExactly("0.50x [0.45..0.55]", "2.00x [0.90..2.20] tie");
        // The reference kernel is timed alone, so it has no ratio to a peer.
        assertThat(lines.subList(vsNumpy + 1, lines.size())).noneMatch(l -> l.trim().startsWith("reference"));
        assertThat(text).contains("largest spread (max-min)/median: 30%");
    }

    @Test
    void stepTableNamesTheModels() {
        StringWriter s = new StringWriter();
        new ResultTable("step", "f32", Fixed.report().results(), Fixed.report().ratios(),
                Fixed.report().skipped()).print(new PrintWriter(s));
        List<String> lines = s.toString().lines().toList();
        assertThat(row(lines, 1, "fast")).containsExactly("1 000 000*");
        assertThat(row(lines, 1, "reference")).containsExactly("100 000");
        assertThat(s.toString()).contains("seed = 6,32:tanh,32:softmax,32:sigmoid,32:relu,3 (mse)");
    }

    @Test
    void formatsKeepThreeSignificantDigitsAndGroupThousands() {
        assertThat(Figures.format(0.01234)).isEqualTo("0.0123");
        assertThat(Figures.format(1.234)).isEqualTo("1.23");
        assertThat(Figures.format(12.34)).isEqualTo("12.3");
        assertThat(Figures.format(1234567.8)).isEqualTo("1 234 568");
        assertThat(Figures.ratio(0.5)).isEqualTo("0.50x");
        assertThat(Figures.ratio(12.34)).isEqualTo("12.3x");
    }

    private static String gemmTable() {
        StringWriter s = new StringWriter();
        new ResultTable("gemm", "f32", Fixed.report().results(), Fixed.report().ratios(),
                Fixed.report().skipped()).print(new PrintWriter(s));
        return s.toString();
    }

    /** The cells after the engine name of the first row naming {@code engine} at or after line {@code from}. */
    private static List<String> row(List<String> lines, int from, String engine) {
        for (int i = from; i < lines.size(); i++) {
            String[] cells = lines.get(i).trim().split("\\s{2,}");
            if (cells[0].equals(engine)) {
                return List.of(cells).subList(1, cells.length);
            }
        }
        throw new AssertionError("no row for " + engine + " after line " + from + " in\n" + String.join("\n", lines));
    }
}
