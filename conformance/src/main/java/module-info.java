/**
 * The kernel conformance kit: the cases every kernel must pass against the reference kernel, their
 * tolerances and error scales, the JUnit suites built on them (JUnit and AssertJ are needed only by
 * whoever runs those), and {@code densekit check}'s runner.
 */
module io.densekit.conformance {
    requires transitive io.densekit.api;
    requires static org.junit.jupiter.api;
    requires static org.assertj.core;

    exports io.densekit.conformance;
}
