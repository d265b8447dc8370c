package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionOrderTest {
    @Test
    void newestVersionFirstByNumberNotByText() {
        List<String> names = new ArrayList<>(List.of("python3.9", "python3.12", "python3", "python3.10"));
        names.sort(VersionOrder.NEWEST_FIRST);
        assertThat(names).containsExactly("python3.12", "python3.10", "python3.9", "python3");
        List<String> cuda = new ArrayList<>(List.of("cuda-11.8", "cuda-12.10", "cuda-12.4", "cuda-13.0"));
        cuda.sort(VersionOrder.NEWEST_FIRST);
        assertThat(cuda).containsExactly("cuda-13.0", "cuda-12.10", "cuda-12.4", "cuda-11.8");
    }

    @Test
    void mappedFileLinesAreParsed() {
        String line = "7f0000001000-7f0000002000 r-xp 00001000 08:01 123  /usr/lib/libm.so.6";
        assertThat(MappedFiles.match(line, 0x7f0000001800L)).contains(java.nio.file.Path.of("/usr/lib/libm.so.6"));
        assertThat(MappedFiles.match(line, 0x7f0000002000L)).isEmpty();
        assertThat(MappedFiles.match("7f0000001000-7f0000002000 rw-p 00000000 00:00 0", 0x7f0000001800L)).isEmpty();
    }
}
