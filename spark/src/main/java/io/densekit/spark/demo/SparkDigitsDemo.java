package io.densekit.spark.demo;

import io.densekit.data.Dataset;
import io.densekit.data.Split;
import io.densekit.data.UciDigits;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.Sequential;
import io.densekit.spark.DenseNetEstimator;
import io.densekit.spark.DenseNetModel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark demo: trains the UCI digits classifier on an embedded Spark session (two partitions,
 * {@code local[2]} unless {@code densekit.spark.master} says otherwise), trains it again with the
 * single-machine chunked {@link Trainer}, and shows the two have the same weights bit for bit.
 * Exits 1 if they differ. Run by {@code ./spark-demo}; the argument is the digits file.
 */
public final class SparkDigitsDemo {
    private static final String SPEC = "64,64:relu,10";
    private static final int TRAIN = 1_437;
    private static final long SEED = 2024;
    private static final int BATCH = 128;
    private static final int CHUNK = 32;
    private static final int EPOCHS = 12;

    private SparkDigitsDemo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SparkDigitsDemo DIGITS_CSV_GZ (expected the path of the UCI digits file)");
            System.exit(2);
        }
        Split data = Split.shuffled(UciDigits.read(Path.of(args[0])), TRAIN, SEED);
        String master = System.getProperty("densekit.spark.master", "local[2]");
        SgdParams sgd = new SgdParams(0.05, 0.9, 0, false, 0);
        System.out.printf(Locale.ROOT, "Handwritten digits %s on Spark %s: cross_entropy, SGD lr %s momentum %s,"
                + " batch %d in chunks of %d, %d epochs, f32 on simd%n", SPEC, master, sgd.lr(), sgd.momentum(),
                BATCH, CHUNK, EPOCHS);
        SparkSession spark = SparkSession.builder().master(master).appName("densekit-spark-demo")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            DenseNetEstimator estimator = new DenseNetEstimator().setModelSpec(SPEC).setLoss("cross_entropy")
                    .setOptimizer("sgd").setLearningRate(sgd.lr()).setMomentum(sgd.momentum()).setBatchSize(BATCH)
                    .setChunkRows(CHUNK).setEpochs(EPOCHS).setSeed(SEED).setDtype("f32").setKernel("simd")
                    .setRowOrderCol("id");
            org.apache.spark.sql.Dataset<Row> train = frame(spark, data.train()).repartition(2);
            long start = System.nanoTime();
            DenseNetModel model = estimator.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            int steps = EPOCHS * ((TRAIN + BATCH - 1) / BATCH);
            System.out.printf(Locale.ROOT, "  Spark fit: %d steps in %.1f s (%.0f ms/step, one job each, noisy)%n",
                    steps, seconds, 1000 * seconds / steps);
            long correct = model.transform(frame(spark, data.valid()))
                    .filter(functions.col("predictedClass").equalTo(functions.col("label"))).count();
            System.out.printf(Locale.ROOT, "  validation accuracy on Spark %.1f%% (%d of %d)%n",
                    100.0 * correct / data.valid().size(), correct, data.valid().size());
            Kernel simd = Kernels.byName("simd");
            Map<String, HostTensor> single;
            try (Sequential m = Sequential.of(SPEC, simd, DType.F32, SEED)) {
                new Trainer(m).fit(data.train(), FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(EPOCHS)
                        .batch(BATCH).optimizer(OptimizerSpec.sgd(sgd)).gradientChunkRows(CHUNK).build());
                single = m.state().export();
            }
            Map<String, HostTensor> distributed;
            try (Sequential m = model.toSequential(simd)) {
                distributed = m.state().export();
            }
            long differing = 0;
            long total = 0;
            for (Map.Entry<String, HostTensor> e : single.entrySet()) {
                double[] a = e.getValue().toDoubleArray();
                double[] b = distributed.get(e.getKey()).toDoubleArray();
                for (int i = 0; i < a.length; i++) {
                    total++;
                    differing += Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(b[i]) ? 0 : 1;
                }
            }
            System.out.printf(Locale.ROOT, "  single-machine chunked Trainer: %d of %d weights differ from Spark's: %s%n",
                    differing, total, differing == 0 ? "bit for bit equal" : "NOT EQUAL");
            if (differing != 0) {
                System.exit(1);
            }
        } finally {
            spark.stop();
        }
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            double[] f = new double[d.features()];
            for (int c = 0; c < f.length; c++) {
                f[c] = d.x().get(i, c);
            }
            rows.add(RowFactory.create((long) i, Vectors.dense(f), d.y().getFlat(i))); // class indices, one per row
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("features", SQLDataTypes.VectorType(), false).add("label", DataTypes.DoubleType, false);
        return spark.createDataFrame(rows, schema);
    }
}
