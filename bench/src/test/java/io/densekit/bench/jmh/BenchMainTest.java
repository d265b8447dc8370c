package io.densekit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;

/** The runner's choices, with JMH replaced by a recorder: no benchmark runs here. */
class BenchMainTest {
    @TempDir
    Path dir;

    private final List<Options> launched = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-rff", dir.resolve("result.json").toString()));
        return BenchMain.run(all, TestProviders.registry(), new PrintWriter(out), new PrintWriter(err), o -> {
            launched.add(o);
            return List.of();
        });
    }

    private static List<String> param(Options o, String name) {
        Collection<String> v = o.getParameter(name).orElse(null);
        return v == null ? null : List.copyOf(v);
    }

    @Test
    void skipsTheUnavailableKernelWithItsReasonAndPassesTheAvailableOnes() throws Exception {
        assertThat(run("-wi", "2")).isZero();
        assertThat(out.toString()).contains("skipped: gpu: " + TestProviders.GPU_REASON)
                .contains("skipped: half f64: the kernel computes in f32 only");
        assertThat(launched).hasSize(3);
        // Registry order (priority): fast, half, reference; each group with only what it can run.
        Options fast = launched.get(0);
        assertThat(param(fast, "kernel")).containsExactly("fast");
        assertThat(param(fast, "dtype")).isNull();
        assertThat(param(fast, "size")).isNull();
        assertThat(param(launched.get(1), "kernel")).containsExactly("half");
        assertThat(param(launched.get(1), "dtype")).containsExactly("f32");
        Options reference = launched.get(2);
        assertThat(param(reference, "kernel")).containsExactly("reference");
        assertThat(param(reference, "size")).containsExactly("64", "128", "256", "512", "1024");
        assertThat(out.toString()).contains("skipped: reference: square GEMM size 2048,4096");
        // The user's own options reach JMH; the default include is the suite; no per-group result file.
        assertThat(fast.getWarmupIterations().get()).isEqualTo(2);
        assertThat(fast.getIncludes()).containsExactly(Suite.INCLUDE);
        assertThat(fast.getResult().hasValue()).isFalse();
        assertThat(Files.readString(dir.resolve("result.json")).strip()).isEqualTo("[\n]");
    }

    @Test
    void theUsersKernelListIsFilteredTheSameWay() {
        assertThat(run("-p", "kernel=gpu,fast", "Dense")).isZero();
        assertThat(launched).hasSize(1);
        assertThat(param(launched.get(0), "kernel")).containsExactly("fast");
        assertThat(launched.get(0).getIncludes()).containsExactly("Dense");
        assertThat(out.toString()).contains("skipped: gpu: " + TestProviders.GPU_REASON);
    }

    @Test
    void withoutTheSquareGemmTheReferenceRunsWithTheOthersUncapped() {
        assertThat(run("-p", "kernel=reference,fast", "Dense|TrainingStep")).isZero();
        assertThat(launched).hasSize(1);
        assertThat(param(launched.get(0), "kernel")).containsExactly("reference", "fast");
        assertThat(param(launched.get(0), "size")).isNull();
        assertThat(out.toString()).doesNotContain("square GEMM");
        launched.clear();
        assertThat(run("-p", "kernel=reference", "-e", "SquareGemm")).isZero();
        assertThat(param(launched.get(0), "size")).isNull();
    }

    @Test
    void onlyUnavailableKernelsRunNothingAndDoNotFail() {
        assertThat(run("-p", "kernel=gpu")).isZero();
        assertThat(launched).isEmpty();
        assertThat(out.toString()).contains("skipped: gpu: " + TestProviders.GPU_REASON).contains("nothing to run");
    }

    @Test
    void theReferenceCapCanBeLiftedOrLeaveNoSizes() {
        assertThat(run("-p", "kernel=reference", "--reference-max-size", "0")).isZero();
        assertThat(param(launched.get(0), "size")).isNull();
        launched.clear();
        assertThat(run("-p", "kernel=reference", "-p", "size=2048", "--reference-max-size=1024")).isZero();
        assertThat(launched.get(0).getExcludes()).containsExactly("\\.SquareGemmBenchmark\\.");
    }

    @Test
    void jmhFailuresSayWhatWentWrong() {
        int code = BenchMain.run(List.of("LayerGemm.inputGrad"), TestProviders.registry(), new PrintWriter(out),
                new PrintWriter(err), o -> {
                    throw new org.openjdk.jmh.runner.NoBenchmarksException();
                });
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("error: no benchmark matches LayerGemm.inputGrad (JMH reads each as a"
                + " regular expression");
        StringWriter failed = new StringWriter();
        code = BenchMain.run(List.of("-wi", "1"), TestProviders.registry(), new PrintWriter(out), new PrintWriter(failed),
                o -> {
                    throw new org.openjdk.jmh.runner.RunnerException(new IllegalStateException("setup threw"));
                });
        assertThat(code).isEqualTo(1);
        assertThat(failed.toString()).contains("error: JMH failed: ").contains("setup threw").doesNotContain("null");
        org.openjdk.jmh.runner.RunnerException wrapped = new org.openjdk.jmh.runner.RunnerException("", new IllegalStateException("setup threw"));
        assertThat(BenchMain.reason(wrapped)).isEqualTo("setup threw (IllegalStateException)");
        assertThat(BenchMain.reason(new org.openjdk.jmh.runner.RunnerException()))
                .isEqualTo("org.openjdk.jmh.runner.RunnerException without a message");
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThat(run("-p", "kernel=nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown kernel 'nope'").contains("known kernels: gpu, fast, half, reference");
        assertThat(run("--reference-max-size", "big")).isEqualTo(2);
        assertThat(err.toString()).contains("--reference-max-size must be a whole number, got 'big'");
        assertThat(run("-p", "kernel=reference", "-p", "size=huge")).isEqualTo(2);
        assertThat(err.toString()).contains("square GEMM size must be a whole number, got 'huge'");
        assertThat(run("-p", "dtype=f16")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown dtype 'f16'");
        assertThat(run("[unclosed")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown dtype 'f16'");
        assertThat(launched).isEmpty();
    }
}
