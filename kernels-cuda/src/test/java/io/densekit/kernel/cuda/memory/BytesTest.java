package io.densekit.kernel.cuda.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
    @Test
    void formatsInBinaryUnits() {
        assertThat(Bytes.format(512)).isEqualTo("512 B");
        assertThat(Bytes.format(1536)).isEqualTo("1.5 KiB");
        assertThat(Bytes.format(16L << 20)).isEqualTo("16.0 MiB");
        assertThat(Bytes.format(80L << 30)).isEqualTo("80.0 GiB");
    }
}
