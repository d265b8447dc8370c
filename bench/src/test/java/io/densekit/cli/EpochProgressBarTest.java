package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EpochProgressBarTest {
    private static final String CLEARED = "\r" + " ".repeat(79) + "\r";

    @Test
    void eachEpochDrawsItsBarOnOneLineAndClearsItForTheTableRow() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EpochProgressBar bar = new EpochProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.onStart(2, 3);
        for (int b = 0; b < 3; b++) {
            bar.onBatch(0, b, 0.5 - b * 0.1);
        }
        bar.onEpoch(0, 0.4, Double.NaN);
        String first = bytes.toString(StandardCharsets.UTF_8);
        // Closing draws a last frame with the epoch, the count and the latest loss, then clears the line.
        assertThat(first).contains("epoch 1/2").contains("3/3").contains("loss 0.30000").endsWith(CLEARED);
        assertThat(first).doesNotContain("\n");
        bar.onBatch(1, 0, 0.25);
        bar.onEnd();
        String second = bytes.toString(StandardCharsets.UTF_8).substring(first.length());
        assertThat(second).contains("epoch 2/2").contains("1/3").contains("loss 0.25000").endsWith(CLEARED);
        bar.onEnd(); // a second end (a fit that failed after its last epoch) draws nothing
        assertThat(bytes.toString(StandardCharsets.UTF_8)).hasSize(first.length() + second.length());
    }
}
