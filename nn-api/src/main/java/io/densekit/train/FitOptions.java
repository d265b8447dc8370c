package io.densekit.train;

import io.densekit.kernel.LossKind;
import java.util.Objects;

/**
 * How to train: the loss, epochs, batch size, the optimizer (a typed {@link OptimizerSpec}),
 * shuffling and a listener. The data, training and validation, go to
 * {@link Trainer#fit(io.densekit.data.Dataset, io.densekit.data.Dataset, FitOptions)}, not here.
 *
 * <p>Build with {@link #builder(LossKind)}; its defaults are 10 epochs, batches of 32, plain SGD
 * with learning rate 0.01 (no momentum, dampening or weight decay: PyTorch's SGD defaults), rows
 * in order (no shuffling) and no listener.
 *
 * @param shuffle whether every epoch reorders the training rows, with a generator seeded by {@code seed}
 * @param seed    the shuffling seed (unused without {@code shuffle})
 * @param gradientChunkRows 0 for one gradient per batch; otherwise every batch is cut into chunks of
 *                this many rows whose gradients are combined in a fixed tree ({@link ChunkedGradients}),
 *                the computation a data-parallel run repeats on any number of workers
 */
public record FitOptions(LossKind loss, int epochs, int batch, OptimizerSpec optimizer, boolean shuffle, long seed,
                         TrainingListener listener, int gradientChunkRows) {

    public FitOptions {
        Objects.requireNonNull(loss, "loss is null; expected e.g. LossKind.MSE");
        Objects.requireNonNull(optimizer, "optimizer is null; expected e.g. OptimizerSpec.sgd(0.01)");
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batch <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batch);
        }
        if (gradientChunkRows < 0) {
            throw new IllegalArgumentException("gradientChunkRows must be 0 (off) or positive, got " + gradientChunkRows);
        }
        listener = listener == null ? TrainingListener.NONE : listener;
    }

    /** Options without gradient chunks (one gradient per batch). */
    public FitOptions(LossKind loss, int epochs, int batch, OptimizerSpec optimizer, boolean shuffle, long seed,
                      TrainingListener listener) {
        this(loss, epochs, batch, optimizer, shuffle, seed, listener, 0);
    }

    /** Whether batches are cut into gradient chunks. */
    public boolean chunked() {
        return gradientChunkRows > 0;
    }

    /** A builder with the defaults above. */
    public static Builder builder(LossKind loss) {
        return new Builder(loss);
    }

    /** Defaults: 10 epochs, batch 32, {@code OptimizerSpec.sgd(0.01)}, no shuffling, no listener, no gradient chunks. */
    public static final class Builder {
        private final LossKind loss;
        private int epochs = 10;
        private int batch = 32;
        private OptimizerSpec optimizer = OptimizerSpec.sgd(0.01);
        private boolean shuffle;
        private long seed;
        private TrainingListener listener = TrainingListener.NONE;
        private int gradientChunkRows;

        private Builder(LossKind loss) {
            this.loss = loss;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        /** The optimizer and its hyper-parameters, e.g. {@code OptimizerSpec.adam(1e-3)}. */
        public Builder optimizer(OptimizerSpec v) {
            optimizer = v;
            return this;
        }

        /** Shuffle the training rows every epoch with a generator seeded by {@code seed}. */
        public Builder shuffle(long seed) {
            return shuffle(true, seed);
        }

        /** As {@link #shuffle(long)} when {@code v}; rows in order otherwise. */
        public Builder shuffle(boolean v, long seed) {
            shuffle = v;
            this.seed = seed;
            return this;
        }

        public Builder listener(TrainingListener v) {
            listener = v;
            return this;
        }

        /**
         * Cut every batch into chunks of {@code rows} rows (0: off, the default); see
         * {@link ChunkedGradients}. With one chunk per batch the result is bit for bit the unchunked one.
         */
        public Builder gradientChunkRows(int rows) {
            gradientChunkRows = rows;
            return this;
        }

        public FitOptions build() {
            return new FitOptions(loss, epochs, batch, optimizer, shuffle, seed, listener, gradientChunkRows);
        }
    }
}
