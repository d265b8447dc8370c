package io.densekit.bench.jmh;

import java.util.Locale;

/**
 * What one benchmark operation does, in the unit its figure is quoted in: floating-point operations
 * (GFLOP/s), bytes moved (GB/s) or training samples (samples/s). JMH measures time per operation;
 * the figure is {@code amount / seconds per operation / scale}.
 */
record Work(double amount, Unit unit) {

    enum Unit {
        FLOP("GFLOP/s", 1e9),
        BYTE("GB/s", 1e9),
        SAMPLE("samples/s", 1);

        final String label;
        final double scale;

        Unit(String label, double scale) {
            this.label = label;
            this.scale = scale;
        }
    }

    Work {
        if (!(amount > 0)) {
            throw new IllegalArgumentException("work per operation must be positive, got " + amount);
        }
    }

    static Work flops(double n) {
        return new Work(n, Unit.FLOP);
    }

    static Work bytes(double n) {
        return new Work(n, Unit.BYTE);
    }

    static Work samples(double n) {
        return new Work(n, Unit.SAMPLE);
    }

    /** The figure for an operation that took {@code secondsPerOp}. */
    double rate(double secondsPerOp) {
        if (!(secondsPerOp > 0)) {
            throw new IllegalArgumentException("time per operation must be positive, got " + secondsPerOp);
        }
        return amount / secondsPerOp / unit.scale;
    }

    String format(double secondsPerOp) {
        return String.format(Locale.ROOT, "%.1f %s", rate(secondsPerOp), unit.label);
    }
}
