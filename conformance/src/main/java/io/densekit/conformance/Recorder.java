package io.densekit.conformance;

import java.util.Locale;

/**
 * Where a case reports what it measured. The JUnit suite fails the test at the first result outside
 * its tolerance ({@link #asserting()}); {@code densekit check} keeps the worst result per operation
 * ({@link Tally}).
 */
@FunctionalInterface
public interface Recorder {

    /** One result of {@code op}: {@code what} names it, {@code tolerance} bounds its error. */
    void record(String op, String what, Deviation deviation, double tolerance);

    /** A recorder that throws an {@link AssertionError} naming the result when it exceeds its tolerance. */
    static Recorder asserting() {
        return (op, what, d, tolerance) -> {
            if (!(d.error() <= tolerance)) {
                throw new AssertionError(String.format(Locale.ROOT,
                        "%s, %s: %s (actual vs expected): error %.3g of its scale exceeds %.3g", op, what, d.where(),
                        d.error(), tolerance));
            }
        };
    }
}
