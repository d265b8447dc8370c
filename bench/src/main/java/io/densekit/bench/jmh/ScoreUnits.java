package io.densekit.bench.jmh;

import java.util.Map;
import java.util.OptionalDouble;

/** Turns a JMH score and its unit ("us/op", "ops/ms", ...) into seconds per operation. */
final class ScoreUnits {
    private static final Map<String, Double> SECONDS = Map.of(
            "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

    private ScoreUnits() {
    }

    /** Empty when the unit is neither time per operation nor operations per time. */
    static OptionalDouble secondsPerOp(double score, String unit) {
        if (!(score > 0) || unit == null) {
            return OptionalDouble.empty();
        }
        String[] parts = unit.trim().split("/");
        if (parts.length != 2) {
            return OptionalDouble.empty();
        }
        if (parts[1].equals("op") && SECONDS.containsKey(parts[0])) {
            return OptionalDouble.of(score * SECONDS.get(parts[0]));
        }
        if (parts[0].equals("ops") && SECONDS.containsKey(parts[1])) {
            return OptionalDouble.of(SECONDS.get(parts[1]) / score);
        }
        return OptionalDouble.empty();
    }
}
