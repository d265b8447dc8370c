package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.train.History;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A trained densekit model as a Spark ML {@link Model}: {@link #transform} adds the outputs as a
 * vector column ({@code predictionCol}) and, for classification losses, their arg-max
 * ({@code predictedClassCol}), with the bits of {@link Sequential#predict} on the model's kernel
 * for any partitioning. Saved as Spark ML metadata plus {@code data/model.safetensors} (PyTorch's
 * state_dict names; {@link Sequential#load} reads it), so it works inside {@code Pipeline} and
 * {@code PipelineModel} save and load. {@link #toSequential} gives the single-machine model.
 */
public final class DenseNetModel extends Model<DenseNetModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final ModelWeights weights;
    private final History history;
    private final ModelParams model;
    private final Param<String> trainedOn;

    DenseNetModel(String uid, ModelWeights weights, History history, KernelPin pin) {
        this.uid = uid;
        this.weights = weights;
        this.history = history;
        this.model = new ModelParams(this);
        this.trainedOn = new Param<>(this, "trainedOn", "the kernel and vector width the fit computed with");
        model.defaults(this::setDefault);
        set(model.modelSpec, weights.spec());
        set(model.dtype, weights.dtype().name().toLowerCase(java.util.Locale.ROOT));
        setDefault(trainedOn, pin == null ? "" : pin.toString());
    }

    @Override
    public String uid() {
        return uid;
    }

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

    /** The kernel and vector width the fit computed with, e.g. "simd (256-bit)". */
    public Param<String> trainedOn() {
        return trainedOn;
    }

    /** The kernel {@link #transform} runs on (strictly), e.g. "simd". */
    public DenseNetModel setKernel(String v) {
        set(model.kernel, v);
        return this;
    }

    public DenseNetModel setFeaturesCol(String v) {
        set(model.featuresCol, v);
        return this;
    }

    public DenseNetModel setPredictionCol(String v) {
        set(model.predictionCol, v);
        return this;
    }

    public DenseNetModel setPredictedClassCol(String v) {
        set(model.predictedClassCol, v);
        return this;
    }

    /** The per-epoch mean train losses of the fit (empty for a loaded model). */
    public History history() {
        return history;
    }

    ModelWeights weights() {
        return weights;
    }

    /** The single-machine model with these weights on {@code kernel}; the caller closes it. */
    public Sequential toSequential(Kernel kernel) {
        return weights.toSequential(kernel);
    }

    private boolean classification() {
        return TrainingSettings.loss(model.get(model.loss)).acceptsClassIndices();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return model.transformSchema(schema, classification());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        String kernelName = model.get(model.kernel);
        // fails here, with the reason, rather than in every task; executors must match its width
        KernelPin pin = KernelPin.of(KernelPin.resolve(kernelName));
        int features = Arrays.asList(dataset.schema().fieldNames()).indexOf(model.get(model.featuresCol));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<ModelWeights> w = jsc.broadcast(weights); // once per transform, read by every task
        JavaRDD<Row> rows = dataset.toDF().javaRDD()
                .mapPartitions(new BatchPredictor(w, pin, features, classification()));
        return dataset.sparkSession().createDataFrame(rows, out);
    }

    @Override
    public DenseNetModel copy(ParamMap extra) {
        DenseNetModel copy = new DenseNetModel(uid, weights, history, null);
        copyValues(copy, extra);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new DenseNetModelWriter(this);
    }

    public static MLReader<DenseNetModel> read() {
        return new DenseNetModelReader();
    }

    public static DenseNetModel load(String path) {
        return read().load(path);
    }
}
