package io.densekit.data;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded random classification problem in the spirit of scikit-learn's {@code make_classification}:
 * each class owns {@code clustersPerClass} Gaussian clusters centred on distinct vertices of a
 * hypercube of side {@code 2 * classSep} in the informative features, each cluster stretched by its own
 * random linear map; the remaining features are standard normal noise; a fraction {@code flipY} of the
 * labels is then replaced by random classes. Samples and features are shuffled. The labels are a
 * {@code [samples]} tensor of class indices.
 *
 * <pre>{@code
 * Dataset d = SyntheticClassification.of(10_100, 5, 3).withInformative(4).withSeed(7).generate();
 * }</pre>
 */
public record SyntheticClassification(int samples, int features, int informative, int classes,
                                      int clustersPerClass, double classSep, double flipY, long seed) {

    public SyntheticClassification {
        Checks.positive("samples", samples);
        Checks.positive("features", features);
        Checks.positive("clustersPerClass", clustersPerClass);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        if (informative < 1 || informative > features) {
            throw new IllegalArgumentException("informative must be in 1.." + features + " (the features), got "
                    + informative);
        }
        long clusters = (long) classes * clustersPerClass;
        if (informative < 62 && clusters > (1L << informative)) {
            throw new IllegalArgumentException(classes + " classes x " + clustersPerClass
                    + " clusters need at least " + clusters + " hypercube vertices; " + informative
                    + " informative features give only " + (1L << informative));
        }
        if (!(classSep > 0) || !Double.isFinite(classSep)) {
            throw new IllegalArgumentException("classSep must be positive and finite, got " + classSep);
        }
        if (!(flipY >= 0 && flipY <= 1)) {
            throw new IllegalArgumentException("flipY must be a fraction in [0, 1], got " + flipY);
        }
    }

    /**
     * scikit-learn's defaults where they fit: 2 clusters per class, class separation 1, 1% flipped
     * labels, seed 0, and 2 informative features, or as many more as the classes need for distinct
     * hypercube vertices (scikit-learn would refuse instead), at most the features; with too few
     * features, 1 cluster per class.
     */
    public static SyntheticClassification of(int samples, int features, int classes) {
        int needed = 64 - Long.numberOfLeadingZeros(Math.max(1, 2L * classes - 1));
        int informative = Math.max(1, Math.min(features, Math.max(2, needed)));
        int clusters = (long) classes * 2 <= (1L << Math.min(informative, 61)) ? 2 : 1;
        return new SyntheticClassification(samples, features, informative, classes, clusters, 1.0, 0.01, 0);
    }

    public SyntheticClassification withInformative(int v) {
        return new SyntheticClassification(samples, features, v, classes, clustersPerClass, classSep, flipY, seed);
    }

    public SyntheticClassification withClustersPerClass(int v) {
        return new SyntheticClassification(samples, features, informative, classes, v, classSep, flipY, seed);
    }

    public SyntheticClassification withClassSep(double v) {
        return new SyntheticClassification(samples, features, informative, classes, clustersPerClass, v, flipY, seed);
    }

    public SyntheticClassification withFlipY(double v) {
        return new SyntheticClassification(samples, features, informative, classes, clustersPerClass, classSep, v, seed);
    }

    public SyntheticClassification withSeed(long v) {
        return new SyntheticClassification(samples, features, informative, classes, clustersPerClass, classSep, flipY, v);
    }

    public Dataset generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int clusters = classes * clustersPerClass;
        double[][] centroids = hypercubeVertices(clusters, random);
        HostTensor x = HostTensor.zeros(DType.F64, samples, features);
        HostTensor y = HostTensor.zeros(DType.F64, samples);
        double[] z = new double[informative];
        int start = 0;
        for (int k = 0; k < clusters; k++) {
            // Clusters share the samples equally; the first ones take one extra each from the remainder.
            int count = samples / clusters + (k < samples % clusters ? 1 : 0);
            double[][] stretch = new double[informative][informative];
            for (double[] row : stretch) {
                for (int j = 0; j < informative; j++) {
                    row[j] = 2 * random.nextDouble() - 1;
                }
            }
            for (int r = start; r < start + count; r++) {
                for (int j = 0; j < informative; j++) {
                    z[j] = random.nextGaussian();
                }
                for (int j = 0; j < informative; j++) {
                    double v = centroids[k][j];
                    for (int i = 0; i < informative; i++) {
                        v += z[i] * stretch[i][j];
                    }
                    x.set(r, j, v);
                }
                for (int j = informative; j < features; j++) {
                    x.set(r, j, random.nextGaussian());
                }
                y.set(0, r, k % classes);
            }
            start += count;
        }
        for (int r = 0; r < samples; r++) {
            if (random.nextDouble() < flipY) {
                y.set(0, r, random.nextInt(classes));
            }
        }
        int[] featureOrder = Split.permutation(features, random);
        HostTensor shuffledX = HostTensor.zeros(DType.F64, samples, features);
        for (int r = 0; r < samples; r++) {
            for (int j = 0; j < features; j++) {
                shuffledX.set(r, j, x.get(r, featureOrder[j]));
            }
        }
        return new Dataset(shuffledX, y).select(Split.permutation(samples, random));
    }

    /** {@code count} distinct vertices of the hypercube {@code [-classSep, classSep]^informative}. */
    private double[][] hypercubeVertices(int count, SplittableRandom random) {
        Set<String> seen = new HashSet<>();
        double[][] out = new double[count][];
        for (int k = 0; k < count; ) {
            double[] v = new double[informative];
            StringBuilder key = new StringBuilder(informative);
            for (int j = 0; j < informative; j++) {
                boolean high = random.nextBoolean();
                v[j] = high ? classSep : -classSep;
                key.append(high ? '1' : '0');
            }
            if (seen.add(key.toString())) {
                out[k++] = v;
            }
        }
        return out;
    }
}
