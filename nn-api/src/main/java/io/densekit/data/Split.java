package io.densekit.data;

import java.util.SplittableRandom;

/** A data set cut into training and validation samples. */
public record Split(Dataset train, Dataset valid) {

    /** The first {@code trainSize} samples train, the rest validate (the seeds' split). */
    public static Split ordered(Dataset data, int trainSize) {
        checkSize(data, trainSize);
        return new Split(data.slice(0, trainSize), data.slice(trainSize, data.size()));
    }

    /** Like {@link #ordered} after a seeded shuffle of the samples: the same seed gives the same split. */
    public static Split shuffled(Dataset data, int trainSize, long seed) {
        checkSize(data, trainSize);
        int[] order = permutation(data.size(), new SplittableRandom(seed));
        return ordered(data.select(order), trainSize);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void checkSize(Dataset data, int trainSize) {
        if (trainSize < 0 || trainSize > data.size()) {
            throw new IllegalArgumentException("cannot take " + trainSize + " training samples from a data set of "
                    + data.size() + "; expected 0.." + data.size());
        }
    }
}
