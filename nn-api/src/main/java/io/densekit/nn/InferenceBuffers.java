package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.List;

/**
 * Everything one inference call on {@code rows} rows writes: one activation buffer per layer, and,
 * made on first use, the stage its host input is copied into (kernels with memory of their own), a
 * stage for targets, and the host arrays of the one-row path. One call holds it at a time (taken
 * from and given back to an {@link InferencePool}), so calls on other threads never share a buffer.
 */
final class InferenceBuffers implements AutoCloseable {
    private final Kernel kernel;
    private final DType dtype;
    private final int rows;
    private final int inputWidth;
    private final Tensor[] activations;
    private Tensor inputStage;
    private Tensor targetStage;
    private HostTensor hostRow;
    private HostTensor hostResult;

    InferenceBuffers(Kernel kernel, DType dtype, int rows, int inputWidth, List<Layer> layers) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.rows = rows;
        this.inputWidth = inputWidth;
        this.activations = new Tensor[layers.size()];
        try {
            for (int i = 0; i < activations.length; i++) {
                activations[i] = kernel.allocate(dtype, rows, layers.get(i).outputWidth());
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    int rows() {
        return rows;
    }

    /** Layer {@code i}'s output buffer, {@code [rows, outputWidth of layer i]}. */
    Tensor activation(int i) {
        return activations[i];
    }

    Tensor output() {
        return activations[activations.length - 1];
    }

    /** The stage for an input chunk in kernel memory, {@code [rows, inputWidth]}, made on first use. */
    Tensor inputStage() {
        if (inputStage == null) {
            inputStage = kernel.allocate(dtype, rows, inputWidth);
        }
        return inputStage;
    }

    /** The stage for {@code cols} columns of targets, {@code [rows, cols]}, made on first use. */
    Tensor targetStage(int cols) {
        if (targetStage == null || targetStage.cols() != cols) {
            if (targetStage != null) {
                targetStage.close();
                targetStage = null;
            }
            targetStage = kernel.allocate(dtype, rows, cols);
        }
        return targetStage;
    }

    /**
     * {@code batch} ({@code [rows, inputWidth]}, in the model's dtype) where the kernel can read it:
     * the host tensor itself on host kernels, else a copy in this set's input stage.
     */
    Tensor stageInput(HostTensor batch) {
        if (kernel.readsHostMemory()) {
            return batch;
        }
        Tensor stage = inputStage();
        kernel.copyFromHost(batch, stage);
        return stage;
    }

    /** The prepared targets of these rows where the kernel can read them, as {@link #stageInput}. */
    Tensor stageTargets(HostTensor targets) {
        if (kernel.readsHostMemory()) {
            return targets;
        }
        Tensor stage = targetStage(targets.cols());
        kernel.copyFromHost(targets, stage);
        return stage;
    }

    /** The one-row path's input row, {@code [1, inputWidth]} on the host (this set has one row). */
    HostTensor hostRow() {
        if (hostRow == null) {
            hostRow = HostTensor.zeros(dtype, 1, inputWidth);
        }
        return hostRow;
    }

    /** The one-row path's result on the host: the output itself on host kernels, else a copy of it. */
    HostTensor hostResult() {
        Tensor out = output();
        if (out instanceof HostTensor h) {
            return h;
        }
        if (hostResult == null) {
            hostResult = HostTensor.zeros(dtype, 1, out.cols());
        }
        kernel.copyToHost(out, hostResult);
        return hostResult;
    }

    /** Kernel memory held now, in bytes (the stages count once made). */
    long bytes() {
        long n = 0;
        for (Tensor t : activations) {
            n += t.size();
        }
        n += inputStage == null ? 0 : inputStage.size();
        n += targetStage == null ? 0 : targetStage.size();
        return n * dtype.byteSize();
    }

    @Override
    public void close() {
        for (Tensor t : activations) {
            if (t != null) {
                t.close();
            }
        }
        if (inputStage != null) {
            inputStage.close();
        }
        if (targetStage != null) {
            targetStage.close();
        }
    }
}
