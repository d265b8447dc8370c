package io.densekit.conformance;

/**
 * How much {@code densekit check} tries: random shapes per operation and activation, the largest
 * dimension drawn, SGD steps of the seed MLP, and the seed of every random operand.
 */
public record CheckOptions(int shapes, int maxSize, int steps, long seed) {

    public CheckOptions {
        if (shapes <= 0 || maxSize <= 0 || steps <= 0) {
            throw new IllegalArgumentException("shapes, sizes and steps must be positive");
        }
    }

    public static CheckOptions defaults() {
        return new CheckOptions(4, 130, 20, 1);
    }
}
