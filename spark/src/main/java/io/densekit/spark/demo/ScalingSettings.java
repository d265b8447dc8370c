package io.densekit.spark.demo;

import io.densekit.nn.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the scaling measurement trains and how often: the model, the global batch and its chunks,
 * the data (whole batches of synthetic digits), the timed epochs after the warm-up and the rounds.
 * Read from {@code --name value} pairs; the defaults are the full measurement.
 *
 * @param batches      batches of data: one epoch is this many steps
 * @param timedEpochs  epochs whose time is measured (see {@link ScalingRun})
 * @param rounds       runs of every configuration, interleaved
 */
record ScalingSettings(String spec, int batch, int chunkRows, int batches, int timedEpochs, int rounds, double lr,
                       long seed) {
    static final String USAGE = "[--spec 784,1024:relu,1024:relu,10] [--batch 4096] [--chunk 512] [--batches 2]"
            + " [--epochs 5] [--rounds 5] [--lr 0.01] [--seed 7]";

    ScalingSettings {
        ModelSpec.parse(spec);
        positive("--batch", batch);
        positive("--chunk", chunkRows);
        positive("--batches", batches);
        positive("--epochs", timedEpochs);
        positive("--rounds", rounds);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--lr must be a positive number, got " + lr);
        }
        if (chunkRows >= batch) {
            throw new IllegalArgumentException("--chunk must be below --batch (" + batch + "), got " + chunkRows
                    + "; expected several chunks per batch, as a Spark fit of a large batch has");
        }
    }

    /** Rows of synthetic data: whole batches. */
    int rows() {
        return batch * batches;
    }

    int features() {
        return ModelSpec.parse(spec).inputWidth();
    }

    int classes() {
        return ModelSpec.parse(spec).outputWidth();
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** The settings from {@code --name value} pairs; one line naming a bad or unknown option otherwise. */
    static ScalingSettings parse(List<String> args) {
        Map<String, String> v = new LinkedHashMap<>(Map.of("--spec", "784,1024:relu,1024:relu,10", "--batch", "4096",
                "--chunk", "512", "--batches", "2", "--epochs", "5", "--rounds", "5", "--lr", "0.01", "--seed", "7"));
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!v.containsKey(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; expected " + USAGE);
            }
            if (i + 1 == args.size()) {
                throw new IllegalArgumentException(name + " needs a value; expected " + USAGE);
            }
            v.put(name, args.get(i + 1));
        }
        return new ScalingSettings(v.get("--spec"), whole(v, "--batch"), whole(v, "--chunk"), whole(v, "--batches"),
                whole(v, "--epochs"), whole(v, "--rounds"), number(v, "--lr"), whole(v, "--seed"));
    }

    /** The options that give these settings back to {@link #parse}, for a run in another JVM. */
    List<String> args() {
        return new ArrayList<>(List.of("--spec", spec, "--batch", "" + batch, "--chunk", "" + chunkRows,
                "--batches", "" + batches, "--epochs", "" + timedEpochs, "--rounds", "" + rounds,
                "--lr", Double.toString(lr), "--seed", "" + seed));
    }

    private static int whole(Map<String, String> v, String name) {
        try {
            return Integer.parseInt(v.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v.get(name) + "'");
        }
    }

    private static double number(Map<String, String> v, String name) {
        try {
            return Double.parseDouble(v.get(name).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v.get(name) + "'");
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "%s f32, cross_entropy, SGD lr %s, global batch %d in chunks of %d, %d rows"
                        + " (%d steps an epoch)", spec, lr, batch, chunkRows, rows(), batches);
    }
}
