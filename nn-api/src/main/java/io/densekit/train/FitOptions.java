package io.densekit.train;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.optim.Adam;
import io.densekit.optim.Optimizer;
import io.densekit.optim.Sgd;
import io.densekit.tensor.HostTensor;
import java.util.Objects;

/**
 * How to train: loss, epochs, batch size, optimizer and its hyper-parameters, optional validation
 * data, shuffling and a listener. Defaults follow PyTorch (SGD without momentum; Adam's betas
 * (0.9, 0.999) and eps 1e-8). Build with {@link #builder(LossKind)}.
 */
public record FitOptions(LossKind loss, int epochs, int batch, OptimizerKind optimizer, double lr,
                         double momentum, double dampening, boolean nesterov, double weightDecay,
                         double beta1, double beta2, double eps, HostTensor xValid, HostTensor yValid,
                         boolean shuffle, long seed, TrainingListener listener) {

    public enum OptimizerKind {
        SGD, ADAM;

        public static OptimizerKind parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "sgd" -> SGD;
                case "adam" -> ADAM;
                default -> throw new IllegalArgumentException("unknown optimizer '" + s + "'; expected sgd or adam");
            };
        }
    }

    public FitOptions {
        Objects.requireNonNull(loss, "loss");
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (batch <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batch);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        if ((xValid == null) != (yValid == null)) {
            throw new IllegalArgumentException("validation needs both x and y");
        }
        // Validate the optimizer's hyper-parameters now, not at the first step.
        if (optimizer == OptimizerKind.SGD) {
            new SgdParams(lr, momentum, dampening, nesterov, weightDecay);
        } else {
            new AdamParams(lr, beta1, beta2, eps, weightDecay);
        }
        listener = listener == null ? TrainingListener.NONE : listener;
    }

    public boolean hasValidation() {
        return xValid != null;
    }

    /** A fresh optimizer for a model on {@code kernel}. */
    public Optimizer createOptimizer(Kernel kernel) {
        return optimizer == OptimizerKind.SGD
                ? new Sgd(kernel, new SgdParams(lr, momentum, dampening, nesterov, weightDecay))
                : new Adam(kernel, new AdamParams(lr, beta1, beta2, eps, weightDecay));
    }

    public static Builder builder(LossKind loss) {
        return new Builder(loss);
    }

    /** Builder with PyTorch's defaults; lr defaults to 0.01, epochs to 10, batch to 32. */
    public static final class Builder {
        private final LossKind loss;
        private int epochs = 10;
        private int batch = 32;
        private OptimizerKind optimizer = OptimizerKind.SGD;
        private double lr = 0.01;
        private double momentum;
        private double dampening;
        private boolean nesterov;
        private double weightDecay;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private HostTensor xValid;
        private HostTensor yValid;
        private boolean shuffle;
        private long seed;
        private TrainingListener listener = TrainingListener.NONE;

        private Builder(LossKind loss) {
            this.loss = loss;
        }

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder momentum(double v) { momentum = v; return this; }
        public Builder dampening(double v) { dampening = v; return this; }
        public Builder nesterov(boolean v) { nesterov = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder validation(HostTensor x, HostTensor y) { xValid = x; yValid = y; return this; }
        /** Shuffle the training rows every epoch with a generator seeded by {@code seed}. */
        public Builder shuffle(boolean v, long seed) { shuffle = v; this.seed = seed; return this; }
        public Builder listener(TrainingListener v) { listener = v; return this; }

        public FitOptions build() {
            return new FitOptions(loss, epochs, batch, optimizer, lr, momentum, dampening, nesterov, weightDecay,
                    beta1, beta2, eps, xValid, yValid, shuffle, seed, listener);
        }
    }
}
