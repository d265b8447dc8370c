package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.TrainingSupport;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Tensor;
import java.util.List;

/**
 * A model's inference path: the layers' {@link Layer#infer} on buffers taken from the model's
 * {@link InferencePool} for the length of one call, so calls on any number of threads share only
 * the read-only parameters. Large inputs go in chunks of {@link Sequential#CHUNK} rows, each the
 * same kernel calls on the same shapes as the training path's forward, hence the same bits.
 * The model's {@link ModelGate} admits the calls; this class only computes.
 */
final class Inference {
    private final Kernel kernel;
    private final List<Layer> layers;
    private final InferencePool pool;

    Inference(Kernel kernel, DType dtype, int inputWidth, List<Layer> layers) {
        this.kernel = kernel;
        this.layers = layers;
        this.pool = new InferencePool(kernel, dtype, inputWidth, layers, InferencePool.defaultCapacity(),
                InferencePool.IDLE_BYTES);
    }

    InferencePool pool() {
        return pool;
    }

    /** Every layer on {@code x} (already in kernel memory); the result is {@code b}'s output buffer. */
    private Tensor run(Tensor x, InferenceBuffers b) {
        Tensor in = x;
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).infer(in, b.activation(i));
            in = b.activation(i);
        }
        return in;
    }

    /** The chunk's set: {@code current} if it has the rows, else a new one (current goes back). */
    private InferenceBuffers forRows(InferenceBuffers current, int rows) {
        if (current != null && current.rows() == rows) {
            return current;
        }
        if (current != null) {
            pool.give(current);
        }
        return pool.take(rows);
    }

    /** What a chunked call does with one chunk's outputs (rows {@code [from, to)} of its input). */
    @FunctionalInterface
    private interface ChunkStep {
        double apply(Tensor outputs, InferenceBuffers b, int from, int to);
    }

    /**
     * Runs the model on {@code x} chunk by chunk and sums what {@code step} returns per chunk, in
     * chunk order. A set of buffers is held for the whole call (a new one only when the last chunk
     * is shorter) and given back at its end.
     */
    private double overChunks(HostTensor x, ChunkStep step) {
        InferenceBuffers b = null;
        double total = 0;
        try {
            for (int from = 0; from < x.rows(); from += Sequential.CHUNK) {
                int to = Math.min(x.rows(), from + Sequential.CHUNK);
                b = forRows(b, to - from);
                total += step.apply(run(b.stageInput(x.rowSlice(from, to)), b), b, from, to);
            }
        } finally {
            if (b != null) {
                pool.give(b);
            }
        }
        return total;
    }

    /** The outputs of every row of {@code x} ({@code [n, inputWidth]}, the model's dtype) into {@code out}. */
    void predict(HostTensor x, HostTensor out) {
        overChunks(x, (p, b, from, to) -> {
            kernel.copyToHost(p, out.rowSlice(from, to));
            return 0;
        });
    }

    /** Sum over the chunks of (chunk loss x chunk rows); targets as {@link Targets#prepare} gives them. */
    double lossSum(HostTensor x, HostTensor targets, LossKind loss) {
        return overChunks(x, (p, b, from, to) ->
                kernel.loss(loss, p, b.stageTargets(targets.rowSlice(from, to))) * (to - from));
    }

    /** Rows whose arg-max output is the target class; targets prepared for cross-entropy. */
    long correct(HostTensor x, HostTensor targets) {
        // Counts below 2^53 add exactly in a double.
        return (long) overChunks(x, (p, b, from, to) -> kernel.countCorrect(p, b.stageTargets(targets.rowSlice(from, to))));
    }

    /**
     * The mean loss over data in kernel memory. Chunks are cut with {@link Kernel#copyRows} into the
     * sets' stages and their losses queued ({@link TrainingSupport#queueLoss}), so a device kernel waits once,
     * at the end; the sets go back only after every loss was read.
     */
    double meanLossInKernel(Tensor x, Tensor targets, LossKind loss) {
        TrainingSupport losses = kernel.training();
        int n = x.rows();
        if (n <= Sequential.CHUNK) { // no copies: the data is one chunk
            InferenceBuffers b = pool.take(n);
            try {
                double total = 0;
                total += losses.queueLoss(loss, run(x, b), targets).get() * n;
                return total / n;
            } finally {
                pool.give(b);
            }
        }
        PendingLoss[] pending = new PendingLoss[(n + Sequential.CHUNK - 1) / Sequential.CHUNK];
        InferenceBuffers full = null;
        InferenceBuffers last = null;
        try {
            for (int from = 0, i = 0; from < n; from += Sequential.CHUNK, i++) {
                int rows = Math.min(n, from + Sequential.CHUNK) - from;
                InferenceBuffers b;
                if (rows == Sequential.CHUNK) {
                    b = full = full != null ? full : pool.take(rows);
                } else {
                    b = last = pool.take(rows);
                }
                Tensor xc = b.inputStage();
                Tensor tc = b.targetStage(targets.cols());
                kernel.copyRows(x, null, from, xc);
                kernel.copyRows(targets, null, from, tc);
                pending[i] = losses.queueLoss(loss, run(xc, b), tc);
            }
            double total = 0;
            for (int from = 0, i = 0; from < n; from += Sequential.CHUNK, i++) {
                total += pending[i].get() * (Math.min(n, from + Sequential.CHUNK) - from);
            }
            return total / n;
        } finally {
            if (full != null) {
                pool.give(full);
            }
            if (last != null) {
                pool.give(last);
            }
        }
    }

    /**
     * One row's outputs into {@code out}: both are {@code float[]} (f32 model) or {@code double[]}
     * (f64), their lengths checked by the caller. Only the row and result are copied; no tensor is made.
     */
    void predictRow(Object row, Object out) {
        InferenceBuffers b = pool.take(1);
        try {
            HostTensor in = b.hostRow();
            System.arraycopy(row, 0, arrayToWrite(in), in.offset(), in.cols());
            run(b.stageInput(in), b);
            HostTensor result = b.hostResult();
            System.arraycopy(arrayToRead(result), result.offset(), out, 0, result.cols());
        } finally {
            pool.give(b);
        }
    }

    /** The backing array, about to be written (its version changes, see {@link HostTensor#version()}). */
    private static Object arrayToWrite(HostTensor t) {
        return t.dtype() == DType.F32 ? t.floatArray() : t.doubleArray();
    }

    /** The backing array, only read: the result is copied out, so its version stays as it is. */
    private static Object arrayToRead(HostTensor t) {
        return t.dtype() == DType.F32 ? t.floatArrayForReading() : t.doubleArrayForReading();
    }

    /** Checks that the targets' rows match x's, as the kernel-memory evaluation needs. */
    static void requireSameRows(Tensor x, Tensor targets) {
        if (targets.rows() != x.rows()) {
            throw new ShapeException("targets have " + targets.rows() + " rows, x has " + x.rows());
        }
    }

    void close() {
        pool.close();
    }
}
