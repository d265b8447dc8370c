package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineKeyTest {
    @TempDir
    Path dir;

    @Test
    void theCpuModelIsTheFirstModelNameOfCpuinfo() throws Exception {
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n"
                + "processor\t: 1\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n");
        assertThat(MachineKey.cpuModel(f)).isEqualTo("AMD EPYC 7B13 64-Core Processor");
    }

    @Test
    void withoutCpuinfoTheKeyNamesTheOsAndArchitecture() throws Exception {
        String fallback = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        assertThat(MachineKey.cpuModel(dir.resolve("absent"))).isEqualTo(fallback);
        Path noModel = dir.resolve("cpuinfo");
        Files.writeString(noModel, "processor\t: 0\nmodel name\t:\n");
        assertThat(MachineKey.cpuModel(noModel)).isEqualTo(fallback);
    }

    @Test
    void theCurrentKeyNamesThisJdk() {
        assertThat(MachineKey.current().jdk()).isEqualTo(Runtime.version().toString());
        assertThat(MachineKey.current().cpu()).isNotBlank();
    }
}
