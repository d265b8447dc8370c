package io.densekit.cli.demo;

import io.densekit.data.Dataset;
import io.densekit.data.Labels;
import io.densekit.data.Split;
import io.densekit.data.SyntheticClassification;
import io.densekit.data.SyntheticRegression;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One of the experiments of the tutorials densekit grew from: the data, the model and the training
 * set-up. The data are seeded stand-ins for scikit-learn's make_regression / make_classification
 * (the tutorials drew theirs unseeded), split in order as the tutorials do.
 */
record SeedExperiment(String title, String data, ModelSpec model, LossKind loss, double lr, int epochs, int batch,
                      long initSeed, Supplier<Split> split) {

    /** The same experiment with at most {@code max} epochs. */
    SeedExperiment withMaxEpochs(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("--max-epochs must be positive, got " + max);
        }
        return new SeedExperiment(title, data, model, loss, lr, Math.min(epochs, max), batch, initSeed, split);
    }

    boolean classifier() {
        return loss != LossKind.MSE;
    }

    /** The four experiments, in the order the tutorials build them up. */
    static List<SeedExperiment> all() {
        return List.of(
                new SeedExperiment("Linear regression", "make_regression: 1 feature, noise 1",
                        ModelSpec.parse("1,1"), LossKind.MSE, 0.01, 16, 33, 11,
                        () -> regression(1, 1, 1, 100, 1)),
                new SeedExperiment("Multivariate regression", "make_regression: 6 features (5 informative), 3 targets, noise 1",
                        ModelSpec.parse("6,3"), LossKind.MSE, 0.01, 16, 33, 12,
                        () -> regression(6, 5, 3, 100, 2)),
                new SeedExperiment("Softmax classifier", "make_classification: 5 features (4 informative), 3 classes, one-hot targets",
                        ModelSpec.parse("5,3"), LossKind.CROSS_ENTROPY, 0.01, 16, 33, 13,
                        () -> classification(100, 3)),
                new SeedExperiment("Multilayer perceptron", "make_regression: 6 features (5 informative), 3 targets, noise 1",
                        ModelSpec.parse("6,32:tanh,32:softmax,32:sigmoid,32:relu,3"), LossKind.MSE, 0.01, 32, 333, 14,
                        () -> regression(6, 5, 3, 1_000, 4)));
    }

    private static final int SAMPLES = 10_100;

    private static Split regression(int features, int informative, int targets, int train, long seed) {
        // The tutorials draw the true bias with random.random(); here from the same seed as the data.
        double bias = new SplittableRandom(seed).nextDouble();
        Dataset d = SyntheticRegression.of(SAMPLES, features).withInformative(informative).withTargets(targets)
                .withBias(bias).withNoise(1).withSeed(seed).generate().data();
        return Split.ordered(d, train);
    }

    private static Split classification(int train, long seed) {
        Dataset d = SyntheticClassification.of(SAMPLES, 5, 3).withInformative(4).withSeed(seed).generate();
        Dataset oneHot = new Dataset(d.x(), Labels.oneHot(d.y(), 3, DType.F64));
        return Split.ordered(oneHot, train);
    }
}
