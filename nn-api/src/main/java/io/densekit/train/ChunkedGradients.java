package io.densekit.train;

import io.densekit.kernel.BatchStep;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.nn.Sequential;
import io.densekit.internal.Workspace;
import io.densekit.optim.Optimizer;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * A training step computed in gradient chunks: a batch of {@code B} rows is cut into chunks of
 * {@code chunkRows} rows (the last one shorter), each chunk's gradient sums are computed with the
 * loss divided by {@code B} (the batch's, not the chunk's, row count), the chunks are added in the
 * fixed {@link GradientTree} over their indices, and the optimizer takes one step on the total.
 *
 * <p>This is the computation a data-parallel run distributes: workers call
 * {@link #chunkGradient} on the chunks they hold, add the tree's nodes inside their range, and the
 * driver finishes the tree and calls {@link #step(Sequential, GradientSum, Optimizer)}. Because
 * every addition is fixed by the chunk indices, the result has the same bits for any number of
 * workers, and equals {@link Trainer}'s chunked mode ({@link FitOptions#gradientChunkRows()}).
 *
 * <p>With one chunk per batch nothing is scaled and the tree is its one leaf, so the step has the
 * bits of the unchunked step. With more, the kernel's loss gradient (a mean over the chunk's rows)
 * is multiplied by {@code rows / B} on the host, so float64 results differ from the unchunked ones
 * only by rounding (the tests hold a fit within 1e-12 relative to its largest weight).
 *
 * <p>One instance serves one model on one thread (it runs the model's training forward and backward).
 */
public final class ChunkedGradients implements BatchStep {
    private final Sequential model;
    private final Kernel kernel;
    private final LossKind loss;
    private final int chunkRows;
    private final Workspace lossGrads;
    private final Workspace xChunks;
    private final Workspace indexTargets; // [rows, 1] class indices
    private final Workspace denseTargets; // [rows, outputs]

    /**
     * @param model     the model whose gradients are computed (its parameters' grad tensors are overwritten)
     * @param loss      the loss (mean-reduced over the global batch)
     * @param chunkRows rows per chunk, positive
     */
    public ChunkedGradients(Sequential model, LossKind loss, int chunkRows) {
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunk rows must be positive, got " + chunkRows);
        }
        this.model = model;
        this.kernel = model.kernel();
        this.loss = loss;
        this.chunkRows = chunkRows;
        this.lossGrads = new Workspace(kernel, model.dtype(), model.outputWidth());
        this.xChunks = new Workspace(kernel, model.dtype(), model.inputWidth());
        this.indexTargets = new Workspace(kernel, model.dtype(), 1);
        this.denseTargets = new Workspace(kernel, model.dtype(), model.outputWidth());
    }

    /** How many chunks of {@code chunkRows} rows a batch of {@code batchRows} rows has. */
    public static int chunkCount(int batchRows, int chunkRows) {
        return (batchRows + chunkRows - 1) / chunkRows;
    }

    public int chunkRows() {
        return chunkRows;
    }

    /**
     * The gradient sums of one chunk: forward, loss gradient scaled to a mean over
     * {@code globalBatch} rows, backward. {@code x} and {@code y} are the chunk's rows in the
     * model's kernel memory and dtype ({@code y} as {@link io.densekit.nn.Targets#prepare} makes it).
     */
    public GradientSum chunkGradient(Tensor x, Tensor y, int globalBatch) {
        int rows = x.rows();
        if (rows > globalBatch) {
            throw new IllegalArgumentException("chunk has " + rows + " rows, more than its batch of " + globalBatch);
        }
        Tensor out = model.forward(x);
        double chunkLoss = kernel.loss(loss, out, y);
        Tensor grad = lossGrads.get(rows);
        kernel.lossGradient(loss, out, y, grad);
        if (rows != globalBatch) { // a whole batch keeps the kernel's bits: nothing to scale
            scale(grad, (double) rows / globalBatch);
            chunkLoss *= (double) rows / globalBatch;
        }
        model.backward(grad);
        return GradientSum.of(kernel, model.parameters(), chunkLoss);
    }

    /**
     * The gradient sums of one batch in kernel memory, its chunks cut in order and added in the
     * {@link GradientTree}: every chunk's rows are copied into a chunk buffer first, so a chunk is
     * computed from the same values whether it comes from a batch here or from a worker's partition.
     */
    public GradientSum batchGradient(Tensor x, Tensor y) {
        int batch = x.rows();
        Workspace targets = y.cols() == model.outputWidth() ? denseTargets : indexTargets;
        return GradientTree.sum(chunkCount(batch, chunkRows), node -> {
            if (node.size() > 1) {
                return null;
            }
            int from = node.from() * chunkRows;
            int rows = Math.min(chunkRows, batch - from);
            Tensor xc = xChunks.get(rows);
            Tensor yc = targets.get(rows);
            kernel.copyRows(x, null, from, xc);
            kernel.copyRows(y, null, from, yc);
            return chunkGradient(xc, yc, batch);
        });
    }

    /**
     * The trainer's chunked step on one batch up to the update: {@link #batchGradient}, written into
     * the model's gradients, where the trainer's optimizer step reads them (as
     * {@link #step(Sequential, GradientSum, Optimizer)} does on a driver). The loss is known at once:
     * the chunks' gradients crossed the host.
     */
    @Override
    public PendingLoss queue(Tensor x, Tensor y) {
        GradientSum sum = batchGradient(x, y);
        sum.copyInto(kernel, model.parameters());
        double value = sum.loss();
        return () -> value;
    }

    /**
     * Writes a batch's gradient sums into {@code model}'s gradients and takes one optimizer step on
     * them: the update every chunked run (one machine or many) ends its step with. Returns the batch loss.
     */
    public static double step(Sequential model, GradientSum sum, Optimizer optimizer) {
        sum.copyInto(model.kernel(), model.parameters());
        optimizer.step(model.parameters());
        return sum.loss();
    }

    /** {@code t *= factor} through the host, rounded once to the tensor's dtype. */
    private void scale(Tensor t, double factor) {
        HostTensor h = kernel.download(t);
        if (h.dtype() == DType.F32) {
            float[] a = h.floatArray();
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (a[i] * factor);
            }
        } else {
            double[] a = h.doubleArray();
            for (int i = 0; i < a.length; i++) {
                a[i] *= factor;
            }
        }
        kernel.copyFromHost(h, t);
    }

    @Override
    public void close() {
        lossGrads.close();
        xChunks.close();
        indexTargets.close();
        denseTargets.close();
    }
}
