package io.densekit.spark.demo;

import io.densekit.data.Dataset;
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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of the scaling measurement, in its own JVM (a JVM holds one SparkContext): one
 * configuration, a warm-up fit of one epoch, then a fit of one epoch and one of {@code 1 + epochs}
 * epochs from the same initial weights. The steps' time is the difference of the two (what both
 * fits share, Spark's distribution of the rows and the model's setup, cancels); it prints one
 * line, {@code RESULT id samples/s weights-sha256 seconds}, for {@link ScalingHarness}.
 * Arguments: the configuration's id, then {@link ScalingSettings}' options.
 */
public final class ScalingRun {
    /** What a line of the result starts with. */
    static final String RESULT = "RESULT";

    private ScalingRun() {
    }

    /** Fits from the initial weights for some epochs and gives the final weights. */
    private interface Fitter {
        Map<String, HostTensor> fit(int epochs);
    }

    public static void main(String[] args) {
        ScalingConfig config;
        ScalingSettings s;
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("no configuration; expected one of spark-local1, spark-local2,"
                        + " trainer-plain, trainer-chunked, then " + ScalingSettings.USAGE);
            }
            config = ScalingConfig.byId(args[0]);
            s = ScalingSettings.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("ScalingRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (config.spark()) {
            SparkSession spark = SparkSession.builder().master("local[" + config.slots + "]")
                    .appName("densekit-spark-scaling").config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
            spark.sparkContext().setLogLevel("ERROR");
            try {
                measure(config, s, spark(spark, s, config.slots));
            } finally {
                spark.stop();
            }
        } else {
            measure(config, s, trainer(s, config == ScalingConfig.TRAINER_CHUNKED ? s.chunkRows() : 0));
        }
    }

    private static void measure(ScalingConfig config, ScalingSettings s, Fitter fitter) {
        fitter.fit(1); // warm-up: the JIT, the kernel's plans, Spark's code paths
        long t0 = System.nanoTime();
        fitter.fit(1);
        long t1 = System.nanoTime();
        Map<String, HostTensor> weights = fitter.fit(1 + s.timedEpochs());
        long t2 = System.nanoTime();
        double seconds = ((t2 - t1) - (t1 - t0)) / 1e9;
        if (seconds <= 0) {
            throw new IllegalStateException("the longer fit took no longer than the shorter (" + (t1 - t0) / 1e9
                    + " s, " + (t2 - t1) / 1e9 + " s): the timing noise exceeds the timed steps; use more --epochs");
        }
        double samplesPerSecond = (double) s.timedEpochs() * s.rows() / seconds;
        System.out.printf(Locale.ROOT, "%s %s %.3f %s %.3f%n", RESULT, config.id, samplesPerSecond,
                WeightsHash.of(weights), seconds);
    }

    private static SgdParams sgd(ScalingSettings s) {
        return new SgdParams(s.lr(), 0, 0, false, 0);
    }

    private static Fitter trainer(ScalingSettings s, int chunkRows) {
        Dataset data = SyntheticDigits.host(s);
        return epochs -> {
            try (Sequential m = Sequential.of(s.spec(), Kernels.byName("simd"), DType.F32, s.seed())) {
                new Trainer(m).fit(data, FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(epochs).batch(s.batch())
                        .optimizer(OptimizerSpec.sgd(sgd(s))).gradientChunkRows(chunkRows).build());
                return m.state().export();
            }
        };
    }

    private static Fitter spark(SparkSession spark, ScalingSettings s, int partitions) {
        org.apache.spark.sql.Dataset<Row> frame = SyntheticDigits.frame(spark, s, partitions);
        return epochs -> {
            DenseNetModel model = new DenseNetEstimator().setModelSpec(s.spec()).setLoss("cross_entropy")
                    .setOptimizer("sgd").setLearningRate(sgd(s).lr()).setBatchSize(s.batch())
                    .setChunkRows(s.chunkRows()).setEpochs(epochs).setSeed(s.seed()).setDtype("f32")
                    .setKernel("simd").setRowOrderCol("id").fit(frame);
            try (Sequential m = model.toSequential(Kernels.byName("simd"))) {
                return m.state().export();
            }
        };
    }
}
