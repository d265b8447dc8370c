package io.densekit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.cli.DensekitCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo as users run it, with the four tutorial experiments cut to 3 epochs to keep the suite
 * fast (the digits run, which must reach 95%, is the full one).
 */
class DemoCommandTest {

    @Test
    void runsEveryExperimentAgreesAcrossKernelsAndClassifiesDigits() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DensekitCommand.run(new PrintWriter(out), new PrintWriter(err), "demo", "--max-epochs", "3");
        String text = out.toString();
        assertThat(err.toString()).as(text).isEmpty();
        assertThat(code).isZero();
        for (String heading : List.of("[1/5] Linear regression 1,1", "[2/5] Multivariate regression 6,3",
                "[3/5] Softmax classifier 5,3", "[4/5] Multilayer perceptron 6,32:tanh,32:softmax,32:sigmoid,32:relu,3",
                "[5/5] Handwritten digits")) {
            assertThat(text).contains(heading);
        }
        Matcher acc = Pattern.compile("validation accuracy (\\d+\\.\\d)%").matcher(text);
        assertThat(acc.find()).isTrue();
        assertThat(Double.parseDouble(acc.group(1))).isGreaterThanOrEqualTo(95.0);

        // Every f64 kernel ends where the reference kernel ends, up to rounding.
        Matcher row = Pattern.compile("(?m)^  (\\S+)\\s+f64\\s+\\S+\\s+\\S+\\s+(\\S+)\\s+(\\S+)$").matcher(text);
        while (row.find()) {
            if (!row.group(1).equals("reference")) {
                assertThat(Double.parseDouble(row.group(2))).as(row.group()).isLessThan(1e-9);
                assertThat(Double.parseDouble(row.group(3))).as(row.group()).isLessThan(1e-9);
            }
        }
    }

    @Test
    void agreementIsTheLargestRelativeDifference() {
        var ref = java.util.Map.of("0.weight", io.densekit.tensor.HostTensor.vector(io.densekit.tensor.DType.F64, 2, -4, 0));
        var run = java.util.Map.of("0.weight", io.densekit.tensor.HostTensor.vector(io.densekit.tensor.DType.F64, 2.2, -4, 1e-7));
        // 0.2 / 2 = 0.1; the zero weight is measured against the floor 1e-6 * 4: 1e-7 / 4e-6 = 0.025.
        assertThat(Agreement.weights(run, ref)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Agreement.losses(List.of(1.0, 2.0), List.of(1.0, 2.5))).isCloseTo(0.2,
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
