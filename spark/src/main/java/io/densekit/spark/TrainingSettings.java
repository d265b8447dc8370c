package io.densekit.spark;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import io.densekit.train.OptimizerSpec;
import java.util.Locale;

/**
 * A distributed fit's settings, typed and checked: what {@link DenseNetEstimator}'s params say,
 * read once on the driver so a bad value fails before any Spark job runs, with one line naming the
 * param, its value and what it expects.
 */
record TrainingSettings(ModelSpec spec, LossKind loss, OptimizerSpec optimizer, int epochs, int batchSize,
                        int chunkRows, long seed, DType dtype, String kernel) {

    static int positive(String param, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(param + " must be positive, got " + value);
        }
        return value;
    }

    static ModelSpec spec(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("modelSpec is not set; expected a spec such as 64,32:relu,10");
        }
        return ModelSpec.parse(text);
    }

    static LossKind loss(String name) {
        return LossKind.parse(name);
    }

    static DType dtype(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "f32", "float32" -> DType.F32;
            case "f64", "float64" -> DType.F64;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'; expected f32 or f64");
        };
    }

    static String optimizerName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("sgd") && !n.equals("adam")) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected sgd or adam");
        }
        return n;
    }

    /** SGD with momentum and weight decay, or Adam with its betas, epsilon and weight decay. */
    static OptimizerSpec optimizer(String name, double lr, double momentum, double weightDecay, double beta1,
                                   double beta2, double epsilon) {
        return optimizerName(name).equals("sgd")
                ? OptimizerSpec.sgd(new SgdParams(lr, momentum, 0, false, weightDecay))
                : OptimizerSpec.adam(new AdamParams(lr, beta1, beta2, epsilon, weightDecay));
    }

    /** The part of the settings the executors need. */
    WorkerSettings worker() {
        return new WorkerSettings(spec.toString(), loss, dtype, chunkRows, kernel);
    }

    /** Class-index or one-hot targets: the model's output is a class score row. */
    boolean classification() {
        return loss.acceptsClassIndices();
    }
}
