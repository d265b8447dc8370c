package io.densekit.spark.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The scaling measurement's table: per configuration the median samples/s over the rounds and
 * their range, and whether the final weights were bit-equal where they must be (Spark's to the
 * chunked trainer's, every round's to every other's).
 */
final class ScalingTable {
    private final Map<ScalingConfig, List<ScalingResult>> results = new EnumMap<>(ScalingConfig.class);

    void add(ScalingResult r) {
        results.computeIfAbsent(r.config(), c -> new ArrayList<>()).add(r);
    }

    /** The median of some values: the middle one, or the mean of the middle two. */
    static double median(List<Double> values) {
        List<Double> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The table's lines, with the simd threads each configuration ran with. */
    List<String> lines(int cores) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%-18s %6s %6s %14s %25s  %s", "configuration", "simd", "runs",
                "median sam/s", "min - max sam/s", "final weights (sha-256, first 16)"));
        results.forEach((config, runs) -> {
            List<Double> rates = runs.stream().map(ScalingResult::samplesPerSecond).toList();
            Set<String> hashes = hashes(config);
            out.add(String.format(Locale.ROOT, "%-18s %3d th %6d %14.1f %12.1f - %10.1f  %s", config.label,
                    config.simdThreads(cores), runs.size(), median(rates), rates.stream().min(Double::compare).orElseThrow(),
                    rates.stream().max(Double::compare).orElseThrow(),
                    hashes.size() == 1 ? hashes.iterator().next().substring(0, 16)
                            : hashes.size() + " different hashes across rounds"));
        });
        out.add(bitEquality());
        return out;
    }

    private Set<String> hashes(ScalingConfig c) {
        return results.getOrDefault(c, List.of()).stream().map(ScalingResult::weightsHash)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The configurations whose final weights must be bit-equal: Spark's and the chunked trainer's. */
    private static final List<ScalingConfig> EXACT = List.of(ScalingConfig.SPARK_LOCAL_1, ScalingConfig.SPARK_LOCAL_2,
            ScalingConfig.TRAINER_CHUNKED);

    private Set<String> exactHashes() {
        Set<String> all = new TreeSet<>();
        EXACT.forEach(c -> all.addAll(hashes(c)));
        return all;
    }

    /** Whether every run that must be bit-equal was, and every round of the plain trainer gave its bits again. */
    boolean bitEqual() {
        return exactHashes().size() <= 1 && hashes(ScalingConfig.TRAINER_PLAIN).size() <= 1;
    }

    /** The plain trainer is not compared with the others: it sums a batch's gradient in another order. */
    private String bitEquality() {
        int exact = exactHashes().size();
        String compared = EXACT.stream().filter(results::containsKey).map(c -> c.label).collect(Collectors.joining(", "));
        return (exact == 1 ? "bit-equal: yes" : "bit-equal: NO (" + exact + " different hashes)")
                + ", the final weights of " + compared + " in every round"
                + (results.containsKey(ScalingConfig.TRAINER_PLAIN)
                ? "; the plain trainer's differ in f32 as expected (one gradient per batch, added in another order)"
                : "");
    }
}
