package io.densekit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/** Bad params and columns fail at once with one line naming them, before any Spark job runs. */
class InputErrorsTest {
    private static final TestData DATA = TestData.of(20, LossKind.CROSS_ENTROPY, false, 3);

    private static DenseNetEstimator estimator() {
        return ExactTrainingTest.estimator(LossKind.CROSS_ENTROPY, DType.F32, "sgd", "simd");
    }

    /** Runs {@code fit} in a job group of its own and checks it failed with {@code message} and ran no job. */
    private static void failsBeforeAnyJob(DenseNetEstimator e, Dataset<Row> frame, String message) {
        SparkContext sc = SharedSpark.session().sparkContext();
        String group = "errors-" + System.nanoTime();
        sc.setJobGroup(group, "input errors", false);
        try {
            assertThatThrownBy(() -> e.fit(frame)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message).message().doesNotContain("\n");
        } finally {
            sc.clearJobGroup();
        }
        assertThat(sc.statusTracker().getJobIdsForGroup(group)).as("jobs run").isEmpty();
    }

    @Test
    void aMissingColumnIsNamed() {
        failsBeforeAnyJob(estimator().setFeaturesCol("pixels"), DATA.frame(2),
                "featuresCol column 'pixels' is missing; the data has id, features, label");
    }

    @Test
    void stringFeaturesAreRefused() {
        Dataset<Row> strings = DATA.frame(2).withColumn("text", functions.lit("abc"));
        failsBeforeAnyJob(estimator().setFeaturesCol("text"), strings,
                "featuresCol column 'text' has type string; expected a vector or an array of numbers");
    }

    @Test
    void anExistingOutputColumnIsRefused() {
        failsBeforeAnyJob(estimator().setPredictionCol("label"), DATA.frame(2),
                "predictionCol column 'label' already exists; expected a new column name");
    }

    @Test
    void aMissingRowOrderIsNamed() {
        failsBeforeAnyJob(estimator().setRowOrderCol(""), DATA.frame(2),
                "rowOrderCol is not set; expected a numeric column of distinct values that fixes the row order"
                        + " (an exact fit needs one)");
    }

    @Test
    void anUnknownKernelFailsWithTheRegistrysReason() {
        SparkContext sc = SharedSpark.session().sparkContext();
        String group = "errors-kernel";
        sc.setJobGroup(group, "input errors", false);
        try {
            assertThatThrownBy(() -> estimator().setKernel("tpu").fit(DATA.frame(2)))
                    .hasMessageContaining("tpu").message().doesNotContain("\n");
        } finally {
            sc.clearJobGroup();
        }
        assertThat(sc.statusTracker().getJobIdsForGroup(group)).isEmpty();
    }

    private static void refused(Consumer<DenseNetEstimator> set, String message) {
        assertThatThrownBy(() -> set.accept(estimator())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void badParamsFailWhenSet() {
        refused(e -> e.setBatchSize(0), "batchSize must be positive, got 0");
        refused(e -> e.setChunkRows(-3), "chunkRows must be positive, got -3");
        refused(e -> e.setEpochs(0), "epochs must be positive, got 0");
        refused(e -> e.setLoss("hinge"), "unknown loss 'hinge'; expected one of mse, cross_entropy, nll, bce");
        refused(e -> e.setOptimizer("rmsprop"), "unknown optimizer 'rmsprop'; expected sgd or adam");
        refused(e -> e.setDtype("f16"), "unknown dtype 'f16'; expected f32 or f64");
        refused(e -> e.setModelSpec(""), "modelSpec is not set; expected a spec such as 64,32:relu,10");
    }

    /** A value that bypasses the setters (a ParamMap) is checked when the fit starts. */
    @Test
    void badParamsInAParamMapFailBeforeAnyJob() {
        DenseNetEstimator e = estimator();
        DenseNetEstimator copy = e.copy(new org.apache.spark.ml.param.ParamMap().put(e.batchSize().w(0)));
        failsBeforeAnyJob(copy, DATA.frame(2), "batchSize must be positive, got 0");
    }
}
