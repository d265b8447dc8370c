package io.densekit.spark;

import static io.densekit.spark.SparkAssertions.assertSameBits;
import static io.densekit.spark.SparkAssertions.weights;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import io.densekit.train.WeightDifferences;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exactness contract: a Spark fit has the bits of the chunked single-machine trainer for 1 to
 * 4 partitions. 45 rows in batches of 16 (two full batches and one of 13: rows not a multiple of
 * the batch), chunks of 5 (16 = 3 x 5 + 1, 13 = 2 x 5 + 3: batches not a multiple of the chunk).
 */
class ExactTrainingTest {
    private static final String SPEC = "6,8:tanh,3";
    private static final int ROWS = 45;
    private static final int BATCH = 16;
    private static final int CHUNK = 5;
    private static final int EPOCHS = 2;

    private record Single(Map<String, HostTensor> weights, History history) {
    }

    private static OptimizerSpec optimizer(String name) {
        return name.equals("adam") ? OptimizerSpec.adam(new AdamParams(0.01, 0.9, 0.999, 1e-8, 1e-3))
                : OptimizerSpec.sgd(new SgdParams(0.05, 0.9, 0, false, 1e-3));
    }

    static DenseNetEstimator estimator(LossKind loss, DType dtype, String optimizer, String kernel) {
        DenseNetEstimator e = new DenseNetEstimator().setModelSpec(SPEC).setLoss(loss.cliName())
                .setDtype(dtype == DType.F32 ? "f32" : "f64").setOptimizer(optimizer).setWeightDecay(1e-3)
                .setEpochs(EPOCHS).setBatchSize(BATCH).setChunkRows(CHUNK).setSeed(17).setKernel(kernel)
                .setRowOrderCol("id");
        return optimizer.equals("adam") ? e.setLearningRate(0.01) : e.setLearningRate(0.05).setMomentum(0.9);
    }

    private static Single single(TestData data, LossKind loss, DType dtype, String optimizer, int chunkRows) {
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("simd"), dtype, 17)) {
            History h = new Trainer(m).fit(data.host(), FitOptions.builder(loss).epochs(EPOCHS).batch(BATCH)
                    .optimizer(optimizer(optimizer)).gradientChunkRows(chunkRows).build());
            return new Single(m.state().export(), h);
        }
    }

    @ParameterizedTest(name = "{0} one-hot {1} {2} {3}")
    @CsvSource({"MSE, false, F32, sgd", "MSE, false, F64, adam", "CROSS_ENTROPY, false, F32, adam",
                "CROSS_ENTROPY, true, F64, sgd"})
    void everyPartitionCountGivesTheChunkedTrainersBits(LossKind loss, boolean oneHot, DType dtype, String optimizer) {
        TestData data = TestData.of(ROWS, loss, oneHot, 5);
        Single want = single(data, loss, dtype, optimizer, CHUNK);
        for (int partitions = 1; partitions <= 4; partitions++) {
            DenseNetModel model = estimator(loss, dtype, optimizer, "simd").fit(data.frame(partitions));
            assertSameBits(weights(model), want.weights(), partitions + " partitions");
            assertThat(model.history()).as(partitions + " partitions").isEqualTo(want.history());
            assertThat(model.getOrDefault(model.trainedOn())).startsWith("simd (").endsWith("-bit)");
        }
        if (dtype == DType.F64) { // and within rounding of today's unchunked trainer
            Single unchunked = single(data, loss, dtype, optimizer, 0);
            WeightDifferences.assertWithin(want.weights(), unchunked.weights(), 1e-12);
        }
    }

    @Test
    void twoIdenticalFitsGiveTheSameBits() {
        TestData data = TestData.of(ROWS, LossKind.CROSS_ENTROPY, false, 6);
        DenseNetEstimator e = estimator(LossKind.CROSS_ENTROPY, DType.F32, "adam", "simd");
        DenseNetModel first = e.fit(data.frame(3));
        DenseNetModel second = e.fit(data.frame(3));
        assertSameBits(weights(second), weights(first), "second fit");
        assertThat(second.history()).isEqualTo(first.history());
    }

    /**
     * local[2,2]: the failed task is tried again, from the same chunks and broadcast weights. The
     * failure is armed in this JVM, so only where tasks run here.
     */
    @Test
    void aFailedAndRetriedTaskChangesNothing() {
        assumeTrue(SharedSpark.tasksInThisJvm(), "the failure is injected into tasks of this JVM; "
                + SharedSpark.master() + " runs them in executor JVMs");
        TestData data = TestData.of(ROWS, LossKind.MSE, false, 7);
        DenseNetEstimator e = estimator(LossKind.MSE, DType.F32, "sgd", FlakyKernelProvider.NAME);
        DenseNetModel clean = e.fit(data.frame(2));
        int before = FlakyKernelProvider.FAILURES.get();
        FlakyKernelProvider.COUNTDOWN.set(9); // a task of the second step
        DenseNetModel retried = e.fit(data.frame(2));
        assertThat(FlakyKernelProvider.FAILURES.get()).as("the injected failure happened").isEqualTo(before + 1);
        assertSameBits(weights(retried), weights(clean), "after a retried task");
        assertThat(retried.history()).isEqualTo(clean.history());
        assertSameBits(weights(clean), single(data, LossKind.MSE, DType.F32, "sgd", CHUNK).weights(), "vs simd");
    }
}
