package io.densekit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private static final String CLEARED = "\r" + " ".repeat(TerminalBar.WIDTH) + "\r";

    @Test
    void theCasesBarEndsOnAClearedLineAndNotesFitTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress p = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.started(2);
        p.timing("simd f32 gemm 256");
        p.done();
        p.done();
        p.finished();
        String bar = bytes.toString(StandardCharsets.UTF_8);
        assertThat(bar).contains("bench").contains("2/2").contains("simd f32 gemm 256").endsWith(CLEARED)
                .doesNotContain("\n");
        p.note("x".repeat(100));
        assertThat(bytes.toString(StandardCharsets.UTF_8).substring(bar.length())).isEqualTo("\r" + "x".repeat(79));
        p.finished(); // twice is harmless
    }
}
