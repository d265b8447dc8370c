package io.densekit.bench.harness;

import java.util.Arrays;

/**
 * The measured time of one operation: one figure per sample, each the mean over the runs of its
 * batch, in milliseconds. The median is the figure reported; min and max show the spread.
 */
public record Timing(double[] samplesMs, int runsPerSample) {

    public Timing {
        if (samplesMs.length == 0) {
            throw new IllegalArgumentException("a timing needs at least one sample");
        }
        for (double s : samplesMs) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("sample times must be positive and finite, got "
                        + Arrays.toString(samplesMs));
            }
        }
        samplesMs = samplesMs.clone();
    }

    public static Timing of(int runsPerSample, double... samplesMs) {
        return new Timing(samplesMs, runsPerSample);
    }

    @Override
    public double[] samplesMs() {
        return samplesMs.clone();
    }

    public double medianMs() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double minMs() {
        return sorted()[0];
    }

    public double maxMs() {
        return sorted()[samplesMs.length - 1];
    }

    /** (max - min) / median: how far apart the samples lie, relative to the reported figure. */
    public double spread() {
        return (maxMs() - minMs()) / medianMs();
    }

    private double[] sorted() {
        double[] s = samplesMs.clone();
        Arrays.sort(s);
        return s;
    }
}
