package io.densekit.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartFilesTest {

    @Test
    void writesTheGemmChartAndTheStepChartBesideItAsPng(@TempDir Path dir) throws Exception {
        List<Path> files = ChartFiles.write(Fixed.report(), dir.resolve("bench.png"));
        assertThat(files).containsExactly(dir.resolve("bench.png"), dir.resolve("bench-step.png"));
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            assertThat(b.length).isGreaterThan(1000);
            assertThat(new String(b, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
    }

    @Test
    void writesSvg(@TempDir Path dir) throws Exception {
        List<Path> files = ChartFiles.write(Fixed.report(), dir.resolve("bench.svg"));
        assertThat(files).hasSize(2);
        for (Path f : files) {
            String svg = Files.readString(f);
            // XChart draws text as paths, so the file is checked for being a non-trivial SVG document only.
            assertThat(svg.length()).isGreaterThan(1000);
            assertThat(svg.startsWith("<?xml") && svg.contains("<svg") && svg.stripTrailing().endsWith("</svg>"))
                    .as("an SVG document").isTrue();
        }
    }

    @Test
    void refusesOtherExtensions() {
        assertThatThrownBy(() -> ChartFiles.requireSupported(Path.of("chart.gif")))
                .hasMessage("chart file 'chart.gif' must end in .png or .svg");
    }
}
