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
    void theFamilyModelSteppingAndFlagsTellApartCpusOfOneName() throws Exception {
        String xeon = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: %d\n"
                + "model name\t: Intel(R) Xeon(R) Processor\nstepping\t: 1\nflags\t\t: %s\n\n"
                + "processor\t: 1\nmodel\t\t: 999\nmodel name\t: Other\n";
        Path a = dir.resolve("a");
        Files.writeString(a, xeon.formatted(167, "fpu avx2 avx512f amx_tile"));
        String keyA = MachineKey.cpuModel(a);
        assertThat(keyA).matches("Intel\\(R\\) Xeon\\(R\\) Processor \\(family 6, model 167, stepping 1; flags [0-9a-f]{8}\\)");
        // The same flags in another order: the same key.
        Files.writeString(a, xeon.formatted(167, "amx_tile avx512f fpu avx2"));
        assertThat(MachineKey.cpuModel(a)).isEqualTo(keyA);
        // Another model or other flags under the same name: another key.
        Files.writeString(a, xeon.formatted(143, "fpu avx2 avx512f amx_tile"));
        assertThat(MachineKey.cpuModel(a)).isNotEqualTo(keyA).contains("model 143");
        Files.writeString(a, xeon.formatted(167, "fpu avx2"));
        assertThat(MachineKey.cpuModel(a)).isNotEqualTo(keyA).startsWith("Intel(R) Xeon(R) Processor (family 6, model 167");
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
