package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code densekit bench infer} end to end with a few milliseconds per case: the figures mean nothing here. */
class BenchInferCommandTest {

    @Test
    void everyCaseOnEveryChosenKernelWithPercentilesAndRowsPerSecond(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("infer.json");
        Cli.Result r = Cli.run("bench", "infer", "--test-timing", "--models", "seed", "--kernels", "reference,simd",
                "--batches", "1,8", "--threads", "1,2", "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("machine: ").contains("seed f32 (6,32:tanh,32:softmax,32:sigmoid,32:relu,3)")
                .contains("seed f64").contains("P50 US").contains("wrote " + json)
                .containsPattern("peer: ONNX Runtime \\d+\\.\\d+\\.\\d+ \\(Java, CPU EP, \\d+ intra-op threads");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<String> cases = new ArrayList<>();
        for (JsonNode res : root.get("results")) {
            cases.add(res.get("peer").asText() + " " + res.get("dtype").asText() + " b" + res.get("batch").asInt()
                    + " x" + res.get("threads").asInt());
            assertThat(res.get("p50_us").asDouble()).isPositive();
            assertThat(res.get("p99_us").asDouble()).isGreaterThanOrEqualTo(res.get("p50_us").asDouble());
            assertThat(res.get("rows_per_s").asDouble()).isPositive()
                    .isBetween(res.get("rows_per_s_min").asDouble(), res.get("rows_per_s_max").asDouble());
            assertThat(res.get("calls").asLong()).isGreaterThanOrEqualTo(3L * res.get("threads").asInt());
        }
        // Cases in order, the kernels of each case side by side in the registry's order.
        List<String> expected = new ArrayList<>();
        for (String dt : List.of("f32", "f64")) {
            for (String c : List.of(" b1 x1", " b1 x2", " b8 x1", " b8 x2")) {
                expected.add("simd " + dt + c);
                expected.add("reference " + dt + c);
                expected.add("onnxruntime " + dt + c);
            }
        }
        assertThat(cases).containsExactlyElementsOf(expected);
        // Each kernel against ONNX Runtime, round by round, in every case.
        assertThat(r.out()).contains("rows/s against onnxruntime, round by round");
        List<String> ratios = new ArrayList<>();
        for (JsonNode q : root.get("ratios")) {
            ratios.add(q.get("peer").asText() + " " + q.get("dtype").asText() + " b" + q.get("batch").asInt()
                    + " x" + q.get("threads").asInt());
            assertThat(q.get("against").asText()).isEqualTo("onnxruntime");
            assertThat(q.get("ratio").asDouble()).isPositive()
                    .isBetween(q.get("low").asDouble(), q.get("high").asDouble());
        }
        assertThat(ratios).containsExactlyElementsOf(expected.stream().filter(e -> !e.startsWith("onnxruntime")).toList());
    }

    @Test
    void severalOnnxRuntimeConfigurationsEachGetARatio() {
        Cli.Result r = Cli.run("bench", "infer", "--test-timing", "--models", "seed", "--kernels", "reference",
                "--dtype", "f32", "--batches", "1", "--threads", "1", "--ort-threads", "1,2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("peer: ONNX Runtime").contains("1 intra-op threads").contains("2 intra-op threads")
                .containsPattern("reference\\s+onnxruntime-t1\\s+\\d")
                .containsPattern("reference\\s+onnxruntime-t2\\s+\\d");
    }

    @Test
    void onnxRuntimeCanBeLeftOut() {
        Cli.Result r = Cli.run("bench", "infer", "--test-timing", "--models", "seed", "--kernels", "reference",
                "--dtype", "f32", "--batches", "1", "--threads", "1", "--no-onnxruntime");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("reference").doesNotContain("onnxruntime").doesNotContain("peer: ");
    }

    @Test
    void anUnavailableKernelIsListedWithItsReason() {
        Cli.Result r = Cli.run("bench", "infer", "--test-timing", "--models", "seed", "--dtype", "f64", "--batches",
                "1", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("skipped: ").contains(UnavailableTestKernel.REASON);
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        expectBadInput("--models: unknown model 'mnst'; expected one of mnist, seed", "--models", "mnst");
        expectBadInput("--batches must lie in 1..1048576, got 0", "--batches", "0");
        expectBadInput("--threads must lie in 1..256, got 0", "--threads", "0");
        expectBadInput("unknown kernel 'nosuch' in --kernels", "--kernels", "nosuch");
        expectBadInput("does not exist", "--json", dir.resolve("no/such/i.json").toString());
        expectBadInput("unknown dtype 'f16'", "--dtype", "f16");
        expectBadInput("--ort-threads must be positive, got 0", "--ort-threads", "0");
    }

    private static void expectBadInput(String message, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "bench";
        all[1] = "infer";
        all[2] = "--test-timing";
        System.arraycopy(args, 0, all, 3, args.length);
        Cli.Result r = Cli.run(all);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("densekit bench infer: ").contains(message);
    }
}
