package io.densekit.parity;

import java.util.List;

/**
 * Mean absolute percentage error as the seeds measure agreement: the mean over elements of
 * {@code |actual - expected| / |expected|} (an element whose expected value is exactly 0 counts
 * its absolute difference). As a fraction, not a percentage: 1e-12 means twelve matching digits.
 */
public final class Mape {
    private Mape() {
    }

    public static double of(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("MAPE of " + actual.length + " values against " + expected.length);
        }
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            sum += expected[i] == 0 ? d : d / Math.abs(expected[i]);
        }
        return actual.length == 0 ? 0 : sum / actual.length;
    }

    public static double of(List<Double> actual, List<Double> expected) {
        return of(actual.stream().mapToDouble(Double::doubleValue).toArray(),
                expected.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
