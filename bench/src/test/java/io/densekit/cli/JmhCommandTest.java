package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code densekit jmh} hands its arguments to the runner untouched; only cases that stop before JMH run here. */
class JmhCommandTest {

    @Test
    void badRunnerOptionsEndWithExitTwoAndTheReason() {
        Cli.Result r = Cli.run("jmh", "-p", "kernel=nope", "-wi", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown kernel 'nope' in -p kernel").contains("reference");
        Cli.Result cap = Cli.run("jmh", "--reference-max-size", "-1");
        assertThat(cap.exitCode()).isEqualTo(2);
        assertThat(cap.err()).contains("--reference-max-size must be 0 (no cap) or positive, got -1");
    }

    @Test
    void helpShowsTheSuitesOptionsBeforeJmhs() {
        Cli.Result r = Cli.run("jmh", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: densekit jmh").contains("--reference-max-size");
    }

    @Test
    void anUnavailableKernelAloneIsSkippedWithItsReasonNotAFailure() {
        Cli.Result r = Cli.run("jmh", "-p", "kernel=" + UnavailableTestKernel.NAME);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("skipped: " + UnavailableTestKernel.NAME + ": " + UnavailableTestKernel.REASON)
                .contains("nothing to run");
    }
}
