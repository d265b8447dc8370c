package io.densekit.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The params the estimator and its model share (the model, its kernel and its columns), created for
 * one owner, and the output schema they give. Both classes expose them under the same names, so the
 * estimator's values pass to the model it fits.
 */
final class ModelParams implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final Param<String> modelSpec;
    final Param<String> loss;
    final Param<String> dtype;
    final Param<String> kernel;
    final Param<String> featuresCol;
    final Param<String> predictionCol;
    final Param<String> predictedClassCol;
    private final Params owner;

    ModelParams(Params owner) {
        this.owner = owner;
        modelSpec = new Param<>(owner, "modelSpec", "the model, a densekit spec such as 64,32:relu,10");
        loss = new Param<>(owner, "loss", "mse, cross_entropy, nll or bce");
        dtype = new Param<>(owner, "dtype", "f32 or f64");
        kernel = new Param<>(owner, "kernel", "the densekit kernel every machine computes with, e.g. simd");
        featuresCol = new Param<>(owner, "featuresCol", "a vector or an array of numbers per row");
        predictionCol = new Param<>(owner, "predictionCol", "the model's outputs, a vector per row");
        predictedClassCol = new Param<>(owner, "predictedClassCol",
                "the arg-max of the outputs (classification losses only)");
    }

    /** The defaults both owners start from; a Params may set its own defaults only, so it passes its setter. */
    interface DefaultSetter {
        void set(Param<String> param, String value);
    }

    void defaults(DefaultSetter setter) {
        setter.set(loss, "mse");
        setter.set(dtype, "f32");
        setter.set(kernel, "simd");
        setter.set(featuresCol, "features");
        setter.set(predictionCol, "prediction");
        setter.set(predictedClassCol, "predictedClass");
    }

    /** The value of {@code p}, or one line saying it is not set and what it expects. */
    String get(Param<String> p) {
        if (!owner.isDefined(p)) {
            throw new IllegalArgumentException(p.name() + " is not set; expected " + p.doc());
        }
        return owner.getOrDefault(p);
    }

    /** {@code schema} with the prediction (and, for classification, the class) column added. */
    StructType transformSchema(StructType schema, boolean classification) {
        Columns.requireVectorOrArray(schema, "featuresCol", get(featuresCol));
        Columns.requireAbsent(schema, "predictionCol", get(predictionCol));
        StructType out = schema.add(get(predictionCol), SQLDataTypes.VectorType(), false);
        if (classification) {
            Columns.requireAbsent(schema, "predictedClassCol", get(predictedClassCol));
            out = out.add(get(predictedClassCol), DataTypes.DoubleType, false);
        }
        return out;
    }
}
