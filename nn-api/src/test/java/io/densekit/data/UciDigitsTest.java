package io.densekit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class UciDigitsTest {

    private static InputStream gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static String image(int firstPixel, int label) {
        StringBuilder sb = new StringBuilder().append(firstPixel);
        for (int i = 1; i < 64; i++) {
            sb.append(',').append(i % 17);
        }
        return sb.append(',').append(label).append('\n').toString();
    }

    @Test
    void scalesPixelsToUnitRangeAndKeepsLabels() throws IOException {
        Dataset d = UciDigits.read(gzip(image(16, 7) + image(0, 3)), "test");
        assertThat(d.x().shape()).containsExactly(2, 64);
        assertThat(d.x().get(0, 0)).isEqualTo(1.0);
        assertThat(d.x().get(1, 0)).isEqualTo(0.0);
        assertThat(d.x().get(0, 8)).isEqualTo(8 / 16.0);
        assertThat(d.y().toDoubleArray()).containsExactly(7, 3);
    }

    @Test
    void rejectsMalformedLinesNamingTheLine() {
        assertThatThrownBy(() -> UciDigits.read(gzip(image(0, 1) + "1,2,3\n"), "d.csv.gz"))
                .hasMessage("d.csv.gz line 2: 3 values, expected 65 (64 pixels then the label)");
        assertThatThrownBy(() -> UciDigits.read(gzip(image(17, 1)), "d.csv.gz"))
                .hasMessageContaining("line 1, column 1: '17' is not a pixel count 0-16");
        assertThatThrownBy(() -> UciDigits.read(gzip(image(0, 10)), "d.csv.gz"))
                .hasMessageContaining("column 65: '10' is not a digit 0-9");
        assertThatThrownBy(() -> UciDigits.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), "d.csv.gz"))
                .isInstanceOf(IOException.class);
    }
}
