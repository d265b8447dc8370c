package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.conformance.KernelDoubles;
import io.densekit.conformance.ReferenceTwin;
import io.densekit.kernel.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command end to end on tiny sizes with a few milliseconds per case: the figures mean nothing here. */
class BenchCommandTest {

    @Test
    void quickGemmOnEveryKernelWritesValidJsonAndPngAndSvgCharts(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Cli.Result r = Cli.run("bench", "gemm", "--quick", "--test-timing", "--sizes", "8,16", "--no-baselines",
                "--json", json.toString(), "--chart", dir.resolve("gemm.png").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("machine: ").contains("GEMM f32, GFLOP/s").contains("GEMM f64, GFLOP/s");
        assertThat(r.out()).contains("wrote " + json).contains("wrote " + dir.resolve("gemm.png"));
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("machine").get("cores").asInt()).isPositive();
        List<String> measured = new ArrayList<>();
        for (JsonNode res : root.get("results")) {
            measured.add(res.get("kernel").asText() + " " + res.get("dtype").asText() + " " + res.get("shape"));
            assertThat(res.get("op").asText()).isEqualTo("gemm");
            assertThat(res.get("gflops").asDouble()).isPositive();
            assertThat(res.get("median_ms").asDouble()).isPositive();
        }
        for (var k : Kernels.list()) {
            if (k.available()) {
                assertThat(measured).contains(k.name() + " f64 [8,8,8]", k.name() + " f32 [16,16,16]");
            }
        }
        assertThat(root.get("skipped").toString()).contains(UnavailableTestKernel.REASON);
        assertThat(Files.size(dir.resolve("gemm.png"))).isGreaterThan(1000);

        Cli.Result svg = Cli.run("bench", "gemm", "--quick", "--test-timing", "--sizes", "8", "--no-baselines",
                "--kernels", "reference", "--dtype", "f32", "--chart", dir.resolve("gemm.svg").toString());
        assertThat(svg.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("gemm.svg"))).contains("<svg");
    }

    @Test
    void aMissingPythonForTheBaselinesIsASkipWithTheReasonNotAFailure(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Path python = dir.resolve("no-such-python");
        Cli.Result r = Cli.run("bench", "gemm", "--quick", "--test-timing", "--sizes", "8", "--kernels", "reference",
                "--dtype", "f32", "--python", python.toString(), "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(json.toFile()).get("skipped").toString())
                .contains("no Python interpreter at " + python);
    }

    @Test
    void stepMeasuresEveryModelThroughTheModelApi(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("step.json");
        Cli.Result r = InjectedCli.run(KernelDoubles.registry(() -> new ReferenceTwin("twin")), "bench", "step",
                "--quick", "--test-timing", "--no-baselines", "--reference-limit", "1024", "--kernels", "reference",
                "--dtype", "f64", "--json", json.toString(), "--chart", dir.resolve("step.svg").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
        List<String> cases = new ArrayList<>();
        results.forEach(n -> cases.add(n.get("model").asText() + " " + n.get("batch").asInt()));
        assertThat(cases).containsExactly("6,32:tanh,32:softmax,32:sigmoid,32:relu,3 333",
                "784,128:relu,64:relu,10 64", "784,128:relu,64:relu,10 512");
        assertThat(r.out()).contains("reference: too slow above the work of a 1024^3 GEMM");
        assertThat(Files.size(dir.resolve("step.svg"))).isGreaterThan(1000);
    }

    @Test
    void layerTimesTheThreeProductsOfADenseLayerWithTheirTransposes(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("layer.json");
        Cli.Result r = Cli.run("bench", "layer", "--quick", "--test-timing", "--no-baselines", "--kernels", "simd",
                "--dtype", "f32", "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> cases = new ArrayList<>();
        new ObjectMapper().readTree(json.toFile()).get("results").forEach(n -> cases.add(n.get("op").asText() + " "
                + n.get("shape") + " " + n.get("trans_a").asBoolean() + " " + n.get("trans_b").asBoolean()));
        assertThat(cases).containsExactly("gemm [512,784,128] false true", "gemm [128,512,784] true false",
                "gemm [512,128,784] false false");
        assertThat(r.out()).contains("KERNEL   m x k x n, op(A) op(B) =").contains("512x784x128 NT")
                .contains("128x512x784 TN").contains("512x128x784 NN").doesNotContain("Training step");
    }

    @Test
    void badOptionsAreOneLineErrors(@TempDir Path dir) {
        expectBadInput("unknown benchmark 'gem'", "bench", "gem");
        expectBadInput("--sizes must lie in 1..16384, got 0", "bench", "gemm", "--sizes", "0");
        expectBadInput("unknown kernel 'nosuch' in --kernels", "bench", "--kernels", "nosuch");
        expectBadInput("must end in .png or .svg", "bench", "--chart", dir.resolve("c.gif").toString());
        expectBadInput("does not exist", "bench", "--json", dir.resolve("no/such/b.json").toString());
        expectBadInput("--sizes applies to gemm, not to step", "bench", "step", "--sizes", "8");
        expectBadInput("--sizes applies to gemm, not to layer", "bench", "layer", "--sizes", "8");
        expectBadInput("expected gemm, layer, step or all", "bench", "gem");
        expectBadInput("unknown dtype 'f16'", "bench", "--dtype", "f16");
        expectBadInput("unknown peer 'mkl' in --peers; expected openblas, numpy, torch", "bench", "--peers", "mkl");
    }

    @Test
    void theInJvmOpenBlasPeerRunsInTheRoundsAndGetsARatioWithItsInterval(@TempDir Path dir) throws Exception {
        Cli.Result r = Cli.run("bench", "gemm", "--quick", "--test-timing", "--sizes", "16", "--kernels", "simd",
                "--dtype", "f32", "--peers", "openblas", "--json", dir.resolve("b.json").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("b.json").toFile());
        org.junit.jupiter.api.Assumptions.assumeTrue(root.path("peers").has("openblas-0.3.31"),
                () -> "bytedeco's OpenBLAS did not load here: " + r.out());
        assertThat(root.path("peers").path("openblas-0.3.31").asText()).startsWith("OpenBLAS 0.3.31")
                .contains(Runtime.getRuntime().availableProcessors() + " threads");
        var ratio = root.path("ratios").get(0);
        assertThat(ratio.path("kernel").asText()).isEqualTo("simd");
        assertThat(ratio.path("against").asText()).isEqualTo("openblas-0.3.31");
        assertThat(ratio.path("low").asDouble()).isLessThanOrEqualTo(ratio.path("ratio").asDouble());
        assertThat(ratio.path("high").asDouble()).isGreaterThanOrEqualTo(ratio.path("ratio").asDouble());
        assertThat(r.out()).contains("kernel / openblas-0.3.31, median of paired rounds [95% interval]")
                .contains("microarchitecture: ");
    }

    private static void expectBadInput(String message, String... args) {
        String[] all = new String[args.length + 3];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--test-timing", "--no-baselines", "--quick"}, 0, all, args.length, 3);
        Cli.Result r = Cli.run(all);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ErrorHandler.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("densekit bench: ").contains(message);
    }
}
