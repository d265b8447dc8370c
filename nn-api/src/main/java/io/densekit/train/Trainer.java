package io.densekit.train;

import io.densekit.data.Dataset;
import io.densekit.kernel.BatchFeed;
import io.densekit.kernel.BatchStep;
import io.densekit.kernel.DataPlacement;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRunner;
import io.densekit.kernel.TrainingSupport;
import io.densekit.nn.Parameter;
import io.densekit.nn.Sequential;
import io.densekit.nn.Targets;
import io.densekit.nn.TrainingLease;
import io.densekit.optim.Optimizer;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Minibatch training, the seeds' loop: each epoch walks the rows in batches {@code [i, i + batch)},
 * keeping the last partial batch; per batch it runs forward, loss, backward and one optimizer step.
 * The epoch's train loss is the mean of its minibatch losses; the validation loss is taken on the
 * whole validation set after the epoch. Optional seeded shuffling reorders rows each epoch.
 *
 * <p>One loop for every kernel. What differs between kernels is asked of the kernel once per fit
 * ({@link Kernel#training()}): where the data sets live and how batches reach it
 * ({@link DataPlacement}, one {@link BatchFeed} per data set), how a step runs ({@link StepRunner}:
 * as it comes, or recorded and replayed), and how a loss is read ({@link TrainingSupport#queueLoss}).
 * The work of one batch up to the update is one unit ({@link BatchGradients}); the loop runs it,
 * takes the optimizer step, fetches the next batch and only then reads the loss, so a device kernel
 * waits once per step, at its end, and the host prepares the next batch while the device computes.
 * Host kernels compute in the same order with the same results.
 *
 * <p>The model is held for the fit ({@link Sequential#startTraining()}): other threads' inference
 * is refused meanwhile, and a close() of the model stops the fit at its next batch.
 */
public final class Trainer {
    private final Sequential model;

    public Trainer(Sequential model) {
        this.model = model;
    }

    /** {@link #fit(Dataset, Dataset, FitOptions)} without a validation set. */
    public History fit(Dataset train, FitOptions o) {
        return fit(train, null, o);
    }

    /**
     * Trains the model on {@code train} as {@code o} says, computing the loss on {@code valid}
     * (null for none) after every epoch. Inputs in another dtype than the model's are converted;
     * every shape and target is checked before the first step.
     *
     * @return the per-epoch losses (the validation list is empty without a validation set)
     */
    public History fit(Dataset train, Dataset valid, FitOptions o) {
        Objects.requireNonNull(train, "train is null; expected a Dataset to fit");
        Objects.requireNonNull(o, "options are null; expected FitOptions.builder(loss).build()");
        Kernel kernel = model.kernel();
        HostTensor x = train.x();
        if (x.cols() != model.inputWidth()) {
            throw new ShapeException("x has shape " + x.shapeString() + ", expected [n, " + model.inputWidth()
                    + "] for this model");
        }
        int n = x.rows();
        if (n == 0) {
            throw new IllegalArgumentException("x has no rows; nothing to train on");
        }
        HostTensor xs = x.dtype() == model.dtype() ? x : x.to(model.dtype());
        HostTensor ys = Targets.prepare(o.loss(), train.y(), n, model.outputWidth(), model.dtype());
        HostTensor validTargets = null;
        if (valid != null) {
            // Fail before training, not after the first epoch.
            if (valid.features() != model.inputWidth()) {
                throw new ShapeException("validation x has shape " + valid.x().shapeString() + ", expected [n, "
                        + model.inputWidth() + "]");
            }
            validTargets = Targets.prepare(o.loss(), valid.y(), valid.size(), model.outputWidth(), model.dtype());
        }
        int batchesPerEpoch = (n + o.batch() - 1) / o.batch();
        List<Double> trainLosses = new ArrayList<>();
        List<Double> validLosses = new ArrayList<>();
        List<Parameter> params = model.parameters();
        SplittableRandom shuffler = new SplittableRandom(o.seed());
        int[] order = o.shuffle() ? identity(n) : null;
        TrainingSupport support = kernel.training();
        long dataBytes = bytes(xs) + bytes(ys) + (valid != null ? ValidationSet.bytes(model, valid.x()) : 0);
        TrainingListener listener = o.listener();
        listener.onStart(o.epochs(), batchesPerEpoch);
        try (TrainingLease lease = model.startTraining(); // other threads' inference is refused until it closes
             Optimizer optimizer = o.optimizer().create(kernel);
             DataPlacement placement = support.placement(dataBytes, o.epochs());
             BatchStep work = batchWork(support, o);
             // Chunked steps read each chunk's gradients back to the host, so they run as they come.
             StepRunner steps = o.chunked() ? StepRunner.eager(work) : support.steps(work, o.batch())) {
            BatchFeed xb = placement.batches(xs, o.batch());
            BatchFeed yb = placement.batches(ys, o.batch());
            ValidationSet validation = valid != null
                    ? new ValidationSet(model, valid, validTargets, o.loss(), placement) : null;
            for (int epoch = 0; epoch < o.epochs(); epoch++) {
                if (order != null) {
                    shuffle(order, shuffler);
                }
                double sum = 0;
                int batch = 0;
                Tensor xNext = xb.batch(order, 0, Math.min(n, o.batch()));
                Tensor yNext = yb.batch(order, 0, Math.min(n, o.batch()));
                for (int from = 0; from < n; from += o.batch(), batch++) {
                    lease.checkOpen();
                    int to = Math.min(n, from + o.batch());
                    PendingLoss pending = steps.run(xNext, yNext);
                    optimizer.step(params);
                    if (to < n) { // the next batch goes up while a device kernel still computes this step
                        xNext = xb.batch(order, to, Math.min(n, to + o.batch()));
                        yNext = yb.batch(order, to, Math.min(n, to + o.batch()));
                    }
                    double loss = pending.get(); // the step's one wait for the device
                    sum += loss;
                    listener.onBatch(epoch, batch, loss);
                }
                double trainLoss = sum / batchesPerEpoch;
                double validLoss = validation != null ? validation.loss() : Double.NaN;
                trainLosses.add(trainLoss);
                if (validation != null) {
                    validLosses.add(validLoss);
                }
                listener.onEpoch(epoch, trainLoss, validLoss);
            }
        } finally {
            listener.onEnd();
        }
        return History.of(trainLosses, validLosses);
    }

    /**
     * The work of one batch up to the optimizer update, which the kernel's step runner runs: the
     * gradients of the whole batch at once, or, with {@link FitOptions#gradientChunkRows()}, in
     * fixed chunks of rows added in a fixed tree ({@link ChunkedGradients}, what a data-parallel run
     * distributes); the loop around it stays the same.
     */
    private BatchStep batchWork(TrainingSupport support, FitOptions o) {
        return o.chunked() ? new ChunkedGradients(model, o.loss(), o.gradientChunkRows())
                : new BatchGradients(model, support, o.loss());
    }

    private static long bytes(HostTensor t) {
        return t.size() * t.dtype().byteSize();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates with the given generator: the same seed gives the same orders on every kernel. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
