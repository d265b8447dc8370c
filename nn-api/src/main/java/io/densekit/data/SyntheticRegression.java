package io.densekit.data;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;

/**
 * A seeded random linear regression problem in the spirit of scikit-learn's {@code make_regression}:
 * inputs are standard normal; {@code informative} of the features get coefficients drawn uniformly
 * from [0, 100) per target, the others 0; {@code y = x coef + bias + noise * N(0, 1)}. Which features
 * are informative is shuffled. The same parameters give the same data on every machine.
 *
 * <pre>{@code
 * Dataset d = SyntheticRegression.of(10_100, 6).withTargets(3).withInformative(5).withNoise(1).withSeed(7)
 *         .generate().data();
 * }</pre>
 */
public record SyntheticRegression(int samples, int features, int informative, int targets, double bias,
                                  double noise, long seed) {

    /** The generated data ({@code y} is {@code [samples, targets]}) and the true coefficients {@code [features, targets]}. */
    public record Result(Dataset data, HostTensor coefficients) {
    }

    public SyntheticRegression {
        Checks.positive("samples", samples);
        Checks.positive("features", features);
        Checks.positive("targets", targets);
        if (informative < 0 || informative > features) {
            throw new IllegalArgumentException("informative must be in 0.." + features + " (the features), got "
                    + informative);
        }
        Checks.finite("bias", bias);
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite standard deviation >= 0, got " + noise);
        }
    }

    /** One target, every feature informative (at most 10, as scikit-learn's default), no bias or noise, seed 0. */
    public static SyntheticRegression of(int samples, int features) {
        return new SyntheticRegression(samples, features, Math.min(10, features), 1, 0, 0, 0);
    }

    public SyntheticRegression withInformative(int v) {
        return new SyntheticRegression(samples, features, v, targets, bias, noise, seed);
    }

    public SyntheticRegression withTargets(int v) {
        return new SyntheticRegression(samples, features, informative, v, bias, noise, seed);
    }

    public SyntheticRegression withBias(double v) {
        return new SyntheticRegression(samples, features, informative, targets, v, noise, seed);
    }

    public SyntheticRegression withNoise(double v) {
        return new SyntheticRegression(samples, features, informative, targets, bias, v, seed);
    }

    public SyntheticRegression withSeed(long v) {
        return new SyntheticRegression(samples, features, informative, targets, bias, noise, v);
    }

    public Result generate() {
        SplittableRandom random = new SplittableRandom(seed);
        HostTensor x = HostTensor.zeros(DType.F64, samples, features);
        double[] xs = x.doubleArray();
        for (int i = 0; i < xs.length; i++) {
            xs[i] = random.nextGaussian();
        }
        // Coefficients for the first `informative` features, then a shuffle of which features those are.
        int[] featureOrder = Split.permutation(features, random);
        HostTensor coef = HostTensor.zeros(DType.F64, features, targets);
        for (int f = 0; f < informative; f++) {
            for (int t = 0; t < targets; t++) {
                coef.set(featureOrder[f], t, 100 * random.nextDouble());
            }
        }
        HostTensor y = HostTensor.zeros(DType.F64, samples, targets);
        for (int r = 0; r < samples; r++) {
            for (int t = 0; t < targets; t++) {
                double v = bias;
                for (int f = 0; f < features; f++) {
                    v += x.get(r, f) * coef.get(f, t);
                }
                y.set(r, t, noise > 0 ? v + noise * random.nextGaussian() : v);
            }
        }
        return new Result(new Dataset(x, y), coef);
    }
}
