package io.densekit.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a densekit model on a Spark DataFrame by exact synchronous data parallelism: the result
 * has, bit for bit, the weights of the chunked {@link io.densekit.train.Trainer}
 * ({@code gradientChunkRows = chunkRows}) on the same rows in the order of {@code rowOrderCol},
 * for any number of partitions, and in float64 agrees with the unchunked trainer to about 1e-12
 * relative. Each step is one Spark job (tens of milliseconds), so it pays for large batches only.
 *
 * <pre>{@code
 * DenseNetModel model = new DenseNetEstimator().setModelSpec("64,64:relu,10").setLoss("cross_entropy")
 *         .setOptimizer("sgd").setLearningRate(0.05).setMomentum(0.9).setBatchSize(256).setChunkRows(64)
 *         .setEpochs(12).setKernel("simd").setRowOrderCol("id").fit(train);
 * Dataset<Row> scored = model.transform(test);      // "prediction" (scores) and "predictedClass"
 * }</pre>
 *
 * <p>Every param is checked when set and again when {@link #fit} starts, before any job runs; a
 * bad value or column fails with one line naming it and what is expected.
 */
public final class DenseNetEstimator extends Estimator<DenseNetModel> implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ModelParams model;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam momentum;
    private final DoubleParam weightDecay;
    private final DoubleParam beta1;
    private final DoubleParam beta2;
    private final DoubleParam epsilon;
    private final IntParam epochs;
    private final IntParam batchSize;
    private final IntParam chunkRows;
    private final LongParam seed;
    private final Param<String> labelCol;
    private final Param<String> rowOrderCol;

    public DenseNetEstimator() {
        this(Identifiable$.MODULE$.randomUID("denseNet"));
    }

    public DenseNetEstimator(String uid) {
        this.uid = uid;
        this.model = new ModelParams(this);
        optimizer = new Param<>(this, "optimizer", "sgd or adam");
        learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate");
        momentum = new DoubleParam(this, "momentum", "SGD momentum (0 for none)");
        weightDecay = new DoubleParam(this, "weightDecay", "L2 weight decay, as torch.optim applies it");
        beta1 = new DoubleParam(this, "beta1", "Adam's first-moment decay");
        beta2 = new DoubleParam(this, "beta2", "Adam's second-moment decay");
        epsilon = new DoubleParam(this, "epsilon", "Adam's epsilon");
        epochs = new IntParam(this, "epochs", "passes over the data");
        batchSize = new IntParam(this, "batchSize", "rows per optimizer step (the global batch)");
        chunkRows = new IntParam(this, "chunkRows", "rows per gradient chunk, the unit of work of a partition");
        seed = new LongParam(this, "seed", "initial weights, as Sequential.of(spec, kernel, dtype, seed)");
        labelCol = new Param<>(this, "labelCol", "class indices (cross_entropy, nll) or target vectors");
        rowOrderCol = new Param<>(this, "rowOrderCol", "a numeric column of distinct values fixing the row order");
        model.defaults(this::setDefault);
        setDefault(optimizer, "sgd");
        setDefault(learningRate, (Object) 0.01);
        setDefault(momentum, (Object) 0.0);
        setDefault(weightDecay, (Object) 0.0);
        setDefault(beta1, (Object) 0.9);
        setDefault(beta2, (Object) 0.999);
        setDefault(epsilon, (Object) 1e-8);
        setDefault(epochs, (Object) 10);
        setDefault(batchSize, (Object) 32);
        setDefault(chunkRows, (Object) 32);
        setDefault(seed, (Object) 0L);
        setDefault(labelCol, "label");
        setDefault(rowOrderCol, "");
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---- params --------------------------------------------------------------------------------

    public Param<String> modelSpec() {
        return model.modelSpec;
    }

    public Param<String> loss() {
        return model.loss;
    }

    public Param<String> dtype() {
        return model.dtype;
    }

    public Param<String> kernel() {
        return model.kernel;
    }

    public Param<String> featuresCol() {
        return model.featuresCol;
    }

    public Param<String> predictionCol() {
        return model.predictionCol;
    }

    public Param<String> predictedClassCol() {
        return model.predictedClassCol;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam momentum() {
        return momentum;
    }

    public DoubleParam weightDecay() {
        return weightDecay;
    }

    public DoubleParam beta1() {
        return beta1;
    }

    public DoubleParam beta2() {
        return beta2;
    }

    public DoubleParam epsilon() {
        return epsilon;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam chunkRows() {
        return chunkRows;
    }

    public LongParam seed() {
        return seed;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> rowOrderCol() {
        return rowOrderCol;
    }

    // ---- setters (each checks its value at once) -----------------------------------------------

    public DenseNetEstimator setModelSpec(String v) {
        TrainingSettings.spec(v);
        set(model.modelSpec, v);
        return this;
    }

    public DenseNetEstimator setLoss(String v) {
        TrainingSettings.loss(v);
        set(model.loss, v);
        return this;
    }

    public DenseNetEstimator setDtype(String v) {
        TrainingSettings.dtype(v);
        set(model.dtype, v);
        return this;
    }

    /** The kernel every executor and the driver compute with, strictly (no fallback). */
    public DenseNetEstimator setKernel(String v) {
        set(model.kernel, v);
        return this;
    }

    public DenseNetEstimator setFeaturesCol(String v) {
        set(model.featuresCol, v);
        return this;
    }

    public DenseNetEstimator setPredictionCol(String v) {
        set(model.predictionCol, v);
        return this;
    }

    public DenseNetEstimator setPredictedClassCol(String v) {
        set(model.predictedClassCol, v);
        return this;
    }

    public DenseNetEstimator setOptimizer(String v) {
        TrainingSettings.optimizerName(v);
        set(optimizer, v);
        return this;
    }

    public DenseNetEstimator setLearningRate(double v) {
        set(learningRate, (Object) v);
        return this;
    }

    public DenseNetEstimator setMomentum(double v) {
        set(momentum, (Object) v);
        return this;
    }

    public DenseNetEstimator setWeightDecay(double v) {
        set(weightDecay, (Object) v);
        return this;
    }

    public DenseNetEstimator setBeta1(double v) {
        set(beta1, (Object) v);
        return this;
    }

    public DenseNetEstimator setBeta2(double v) {
        set(beta2, (Object) v);
        return this;
    }

    public DenseNetEstimator setEpsilon(double v) {
        set(epsilon, (Object) v);
        return this;
    }

    public DenseNetEstimator setEpochs(int v) {
        set(epochs, (Object) TrainingSettings.positive("epochs", v));
        return this;
    }

    public DenseNetEstimator setBatchSize(int v) {
        set(batchSize, (Object) TrainingSettings.positive("batchSize", v));
        return this;
    }

    public DenseNetEstimator setChunkRows(int v) {
        set(chunkRows, (Object) TrainingSettings.positive("chunkRows", v));
        return this;
    }

    public DenseNetEstimator setSeed(long v) {
        set(seed, (Object) v);
        return this;
    }

    public DenseNetEstimator setLabelCol(String v) {
        set(labelCol, v);
        return this;
    }

    public DenseNetEstimator setRowOrderCol(String v) {
        set(rowOrderCol, v);
        return this;
    }

    // ---- Estimator -----------------------------------------------------------------------------

    /** Every param typed and checked, the kernel resolved: fails before any job runs. */
    TrainingSettings settings() {
        TrainingSettings s = new TrainingSettings(TrainingSettings.spec(model.get(model.modelSpec)),
                TrainingSettings.loss(model.get(model.loss)),
                TrainingSettings.optimizer(getOrDefault(optimizer), number(learningRate), number(momentum),
                        number(weightDecay), number(beta1), number(beta2), number(epsilon)),
                TrainingSettings.positive("epochs", (Integer) getOrDefault(epochs)),
                TrainingSettings.positive("batchSize", (Integer) getOrDefault(batchSize)),
                TrainingSettings.positive("chunkRows", (Integer) getOrDefault(chunkRows)),
                (Long) getOrDefault(seed), TrainingSettings.dtype(model.get(model.dtype)),
                model.get(model.kernel));
        KernelPin.resolve(s.kernel()); // an unknown or unavailable kernel fails here, with its reason
        return s;
    }

    private double number(DoubleParam p) {
        return (Double) getOrDefault(p);
    }

    @Override
    public DenseNetModel fit(Dataset<?> dataset) {
        TrainingSettings s = settings();
        transformSchema(dataset.schema());
        String rowOrder = getOrDefault(rowOrderCol);
        DistributedFit.Result r = DistributedFit.run(dataset, s, model.get(model.featuresCol),
                getOrDefault(labelCol), rowOrder);
        DenseNetModel m = new DenseNetModel(uid, r.weights(), r.history(), r.pin());
        copyValues(m, extractParamMap());
        m.setParent(this);
        return m;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (getOrDefault(rowOrderCol).isBlank()) {
            throw new IllegalArgumentException("rowOrderCol is not set; expected a numeric column of distinct values"
                    + " that fixes the row order (an exact fit needs one)");
        }
        Columns.requireNumber(schema, "rowOrderCol", getOrDefault(rowOrderCol));
        Columns.requireLabel(schema, "labelCol", getOrDefault(labelCol));
        return model.transformSchema(schema, TrainingSettings.loss(model.get(model.loss)).acceptsClassIndices());
    }

    @Override
    public DenseNetEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<DenseNetEstimator> read() {
        return new DefaultParamsReader<>();
    }

    public static DenseNetEstimator load(String path) {
        return read().load(path);
    }
}
