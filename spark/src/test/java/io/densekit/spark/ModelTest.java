package io.densekit.spark;

import static io.densekit.spark.SparkAssertions.assertSameBits;
import static io.densekit.spark.SparkAssertions.weights;
import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fitted model: transform against Sequential.predict, save and load alone and in a pipeline. */
class ModelTest {
    private static TestData data;
    private static DenseNetModel model;

    @BeforeAll
    static void fit() {
        data = TestData.of(45, LossKind.CROSS_ENTROPY, false, 11);
        model = ExactTrainingTest.estimator(LossKind.CROSS_ENTROPY, DType.F32, "adam", "simd").fit(data.frame(2));
    }

    /** Rows sorted by id: the order of the host tensors. */
    private static List<Row> scored(DenseNetModel m, int partitions) {
        return m.transform(data.frame(partitions)).orderBy("id").collectAsList();
    }

    @Test
    void transformHasTheBitsOfSequentialPredictForAnyPartitioning() {
        HostTensor want;
        try (Sequential s = model.toSequential(Kernels.byName("simd"))) {
            want = s.predict(data.host().x());
        }
        for (int partitions : new int[] {1, 3}) {
            List<Row> rows = scored(model, partitions);
            assertThat(rows).hasSize(45);
            for (int r = 0; r < rows.size(); r++) {
                Row row = rows.get(r);
                double[] got = ((Vector) row.getAs("prediction")).toArray();
                double[] expected = new double[want.cols()];
                int best = 0;
                for (int c = 0; c < expected.length; c++) {
                    expected[c] = want.get(r, c);
                    best = expected[c] > expected[best] ? c : best;
                }
                assertThat(got).as("row " + r + ", " + partitions + " partitions").containsExactly(expected);
                assertThat(row.<Double>getAs("predictedClass")).isEqualTo((double) best);
            }
        }
    }

    @Test
    void savedAndLoadedModelKeepsItsWeightsAndParams(@TempDir Path dir) throws Exception {
        String path = dir.resolve("model").toString();
        model.write().save(path);
        DenseNetModel loaded = DenseNetModel.load(path);
        assertSameBits(weights(loaded), weights(model), "loaded");
        assertThat(loaded.uid()).isEqualTo(model.uid());
        assertThat(loaded.getOrDefault(loaded.trainedOn())).isEqualTo(model.getOrDefault(model.trainedOn()));
        assertThat(loaded.getOrDefault(loaded.loss())).isEqualTo("cross_entropy");
        try (Sequential s = Sequential.load(dir.resolve("model/data/model.safetensors"), Kernels.byName("simd"))) {
            assertThat(s.state().export().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        }
    }

    @Test
    void pipelineSaveAndLoadRoundTrips(@TempDir Path dir) throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            ExactTrainingTest.estimator(LossKind.CROSS_ENTROPY, DType.F32, "adam", "simd")});
        pipeline.write().save(dir.resolve("pipeline").toString());
        Pipeline reloaded = Pipeline.load(dir.resolve("pipeline").toString());
        PipelineModel fitted = reloaded.fit(data.frame(2));
        DenseNetModel inPipeline = (DenseNetModel) fitted.stages()[0];
        assertSameBits(weights(inPipeline), weights(model), "the reloaded pipeline's fit");
        fitted.write().save(dir.resolve("fitted").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("fitted").toString());
        List<Row> got = loaded.transform(data.frame(2)).orderBy("id").collectAsList();
        List<Row> want = scored(model, 2);
        for (int r = 0; r < want.size(); r++) {
            assertThat(((Vector) got.get(r).getAs("prediction")).toArray())
                    .containsExactly(((Vector) want.get(r).getAs("prediction")).toArray());
        }
    }
}
