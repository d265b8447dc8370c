package io.densekit.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures derived from JMH's time per operation, on fixed inputs worked out by hand. */
class FiguresTest {
    private static final String PKG = "io.densekit.bench.jmh.";

    private static double rate(String benchmark, Map<String, String> params, double seconds) {
        return Suite.work(PKG + benchmark, params).orElseThrow().rate(seconds);
    }

    @Test
    void scoreUnitsBecomeSecondsPerOperation() {
        assertThat(ScoreUnits.secondsPerOp(4600, "us/op").getAsDouble()).isCloseTo(4.6e-3, within(1e-15));
        assertThat(ScoreUnits.secondsPerOp(4.6, "ms/op").getAsDouble()).isCloseTo(4.6e-3, within(1e-15));
        assertThat(ScoreUnits.secondsPerOp(250, "ops/s").getAsDouble()).isCloseTo(4e-3, within(1e-15));
        assertThat(ScoreUnits.secondsPerOp(2, "ops/ms").getAsDouble()).isCloseTo(5e-4, within(1e-15));
        assertThat(ScoreUnits.secondsPerOp(3, "B/op")).isEmpty();
        assertThat(ScoreUnits.secondsPerOp(0, "us/op")).isEmpty();
    }

    @Test
    void gemmIsTwoMnkFlopsPerOperation() {
        // 2 * 1024^3 = 2 147 483 648 flops in 4.6 ms.
        assertThat(rate("SquareGemmBenchmark.gemm", Map.of("size", "1024"), 4.6e-3)).isCloseTo(466.8443, within(1e-3));
        // 2 * 512 * 784 * 128 = 102 760 448 flops in 278 us, whichever product.
        assertThat(rate("LayerGemmBenchmark.weightGradDzTX", Map.of(), 278e-6)).isCloseTo(369.6419, within(1e-3));
        assertThat(rate("DenseBenchmark.forward", Map.of("activation", "relu"), 1e-3)).isCloseTo(102.760448, within(1e-9));
        assertThat(rate("DenseBenchmark.backward", Map.of("activation", "tanh"), 1e-3)).isCloseTo(205.520896, within(1e-9));
    }

    @Test
    void thePeakLoopIsTwoFlopsPerLanePerFma() {
        // 12 chains x 2^16 steps, each an FMA of a whole vector, in 1 ms; its lanes depend on the CPU.
        String peak = "io.densekit.bench.jmh.simd.FmaPeakBenchmark.";
        double f32 = 2.0 * 12 * 65536 * io.densekit.kernel.simd.FmaPeak.f32Lanes() / 1e-3 / 1e9;
        assertThat(Suite.work(peak + "f32AllThreads", Map.of()).orElseThrow().rate(1e-3)).isCloseTo(f32, within(1e-9));
        assertThat(Suite.work(peak + "f64OneThread", Map.of()).orElseThrow().rate(1e-3)).isCloseTo(f32 / 2, within(1e-9));
        assertThat(Suite.work("io.densekit.bench.jmh.simd.SimdGemmOpBenchmark.forward", Map.of())).isEmpty();
    }

    @Test
    void activationsCountTheMatricesReadAndWritten() {
        // forward: z read, a written: 2 * 512 * 128 * 8 bytes = 1 048 576 in 10 us.
        assertThat(rate("ActivationBenchmark.forward", Map.of("dtype", "f64", "shape", "512x128"), 10e-6))
                .isCloseTo(104.8576, within(1e-9));
        // backward: a and the gradient read, one written: 3 * 1024 * 1024 * 4 bytes in 1 ms.
        assertThat(rate("ActivationBenchmark.backward", Map.of("dtype", "f32", "shape", "1024x1024"), 1e-3))
                .isCloseTo(12.582912, within(1e-9));
    }

    @Test
    void optimizerStepsCountTheArraysReadAndWritten() {
        // mnist: 784*128 + 128 + 128*64 + 64 + 64*10 + 10 = 109 386 parameters.
        // SGD: 5 arrays * 109 386 * 4 bytes = 2 187 720 bytes in 100 us.
        assertThat(rate("OptimizerBenchmark.all", Map.of("dtype", "f32", "network", "mnist", "optimizer", "sgd"), 100e-6))
                .isCloseTo(21.8772, within(1e-9));
        // Adam on wide: 7 arrays * 2 109 450 * 8 bytes in 1 ms.
        assertThat(rate("OptimizerBenchmark.perTensor", Map.of("dtype", "f64", "network", "wide", "optimizer", "adam"), 1e-3))
                .isCloseTo(118.1292, within(1e-9));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OptimizerBenchmark.shapes("tiny"))
                .hasMessageContaining("network must be mnist or wide; got 'tiny'");
    }

    @Test
    void aStepIsItsBatchOfSamples() {
        assertThat(rate("TrainingStepBenchmark.step", Map.of("model", "mnist_b512"), 1141e-6)).isCloseTo(448729.18, within(0.01));
        assertThat(rate("TrainingStepBenchmark.step", Map.of("model", "seed_b333"), 1e-3)).isCloseTo(333000, within(1e-6));
        assertThat(rate("TrainingStepBenchmark.step", Map.of("model", "wide_b256"), 0.5)).isCloseTo(512, within(1e-9));
    }

    @Test
    void theSummaryShowsTheFigureBesideTheTime() {
        SummaryTable.Row row = new SummaryTable.Row(PKG + "SquareGemmBenchmark.gemm",
                Map.of("kernel", "simd", "dtype", "f32", "size", "1024"), 4600, 12, "us/op", 2043);
        assertThat(row.figure()).isEqualTo("466.8 GFLOP/s");
        String table = SummaryTable.format(java.util.List.of(row));
        assertThat(table).contains("SquareGemmBenchmark.gemm").contains("size=1024").contains("466.8 GFLOP/s")
                .contains("B/op").contains("2043");
        SummaryTable.Row foreign = new SummaryTable.Row("org.example.OtherBenchmark.run", Map.of(), 5, 0, "us/op",
                Double.NaN);
        assertThat(foreign.figure()).isEmpty();
        assertThat(SummaryTable.format(java.util.List.of(foreign))).doesNotContain("B/op");
    }

    @Test
    void unknownModelsAndShapesNameWhatIsExpected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingStepBenchmark.workload("mnist"))
                .hasMessageContaining("unknown model 'mnist'").hasMessageContaining("mnist_b64");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ActivationBenchmark.parseShape("512"))
                .hasMessageContaining("ROWSxCOLS");
    }
}
