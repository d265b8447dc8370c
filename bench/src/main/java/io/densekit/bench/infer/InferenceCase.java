package io.densekit.bench.infer;

import io.densekit.tensor.DType;

/** One timed configuration: a model in a dtype, a batch of rows per call, and how many threads call at once. */
public record InferenceCase(InferenceModel model, DType dtype, int batch, int threads) {

    public InferenceCase {
        if (batch < 1 || threads < 1) {
            throw new IllegalArgumentException("batch and threads must be positive, got " + batch + " and " + threads);
        }
    }

    /** E.g. "mnist f32 b64 x2". */
    public String label() {
        return model.name() + " " + dtype + " b" + batch + " x" + threads;
    }
}
