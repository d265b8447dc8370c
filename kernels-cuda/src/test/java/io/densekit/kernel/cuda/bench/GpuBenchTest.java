package io.densekit.kernel.cuda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark's harness on the reference kernel with tiny sizes, so it is known to run before it first meets a GPU. */
class GpuBenchTest {
    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GpuBench.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void gemmAndStepPrintTheLinesTheComparisonReads() {
        assertThat(run("--kernel", "reference", "--reps", "2", "gemm", "16", "f64"))
                .contains("# kernel reference on cpu")
                .containsPattern("densekit gemm f64 n=16: [0-9.]+ ms, [0-9.]+ TFLOP/s");
        assertThat(run("--kernel", "reference", "--reps", "1", "step", "6,8:tanh,3", "5", "4", "f32"))
                .containsPattern("densekit step 6,8:tanh,3 f32 batch=5: [0-9.]+ us/step");
        assertThat(run("--kernel", "reference", "--reps", "1", "--shuffle", "step", "6,8:tanh,3", "5", "4", "f32"))
                .containsPattern("densekit step 6,8:tanh,3 f32 batch=5 shuffled: [0-9.]+ us/step");
        assertThat(run("--kernel", "reference", "--reps", "1", "--epochs", "3", "step", "6,8:tanh,3", "5", "4", "f32"))
                .containsPattern("densekit step 6,8:tanh,3 f32 batch=5 epochs=3: [0-9.]+ us/step");
        assertThat(run("--kernel", "reference", "--reps", "1", "launch", "8", "3"))
                .containsPattern("densekit launch gemm n=8: [0-9.]+ us/call queued, [0-9.]+ us/call done")
                .containsPattern("densekit launch activation n=8: [0-9.]+ us/call queued, [0-9.]+ us/call done");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> run("--kernel", "reference", "bogus")).hasMessageContaining("unknown benchmark bogus");
        assertThatThrownBy(() -> run("--fast")).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> run()).hasMessageContaining("usage");
        assertThatThrownBy(() -> run("--kernel", "reference", "--epochs", "0", "step", "6,3", "5", "4", "f32"))
                .hasMessageContaining("--epochs must be at least 1, got 0");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(GpuBench.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(GpuBench.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
