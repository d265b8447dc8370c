package io.densekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MicroarchitectureTest {
    @Test
    void namesTheServerPartsByVendorFamilyAndModel() {
        assertThat(Microarchitecture.name("AuthenticAMD", 25, 1)).isEqualTo("Zen 3 (AMD family 25 model 1)");
        assertThat(Microarchitecture.name("AuthenticAMD", 25, 0x11)).isEqualTo("Zen 4 (AMD family 25 model 17)");
        assertThat(Microarchitecture.name("AuthenticAMD", 26, 2)).isEqualTo("Zen 5 (AMD family 26 model 2)");
        assertThat(Microarchitecture.name("AuthenticAMD", 23, 0x31)).isEqualTo("Zen 2 (AMD family 23 model 49)");
        assertThat(Microarchitecture.name("GenuineIntel", 6, 0x8f))
                .isEqualTo("Sapphire Rapids (Intel family 6 model 143)");
        assertThat(Microarchitecture.name("GenuineIntel", 6, 151)).isEqualTo("unknown (Intel family 6 model 151)");
    }

    @Test
    void readsCpuinfoAndSaysWhatIsMissing() {
        assertThat(Microarchitecture.fromCpuinfo(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "cpu family\t: 25", "model\t\t: 1", "model name\t: AMD EPYC"))).isEqualTo("Zen 3 (AMD family 25 model 1)");
        assertThat(Microarchitecture.fromCpuinfo(List.of("model name\t: ARM")))
                .isEqualTo("unknown (no vendor_id, cpu family and model in cpuinfo)");
    }

    @Test
    void anUnknownIntelModelIsFollowedByWhatItsFlagsSay() {
        List<String> seen = List.of("vendor_id\t: GenuineIntel", "cpu family\t: 6", "model\t\t: 167",
                "flags\t\t: fpu avx2 avx512f amx_bf16 avx512_fp16 amx_tile amx_int8");
        assertThat(Microarchitecture.fromCpuinfo(seen)).isEqualTo("unknown (Intel family 6 model 167); "
                + "its flags (AMX, AVX512-FP16) are those of Sapphire Rapids or newer");
        assertThat(Microarchitecture.fromCpuinfo(List.of("vendor_id\t: GenuineIntel", "cpu family\t: 6",
                "model\t\t: 167", "flags\t\t: fpu avx2"))).isEqualTo("unknown (Intel family 6 model 167)");
        assertThat(Microarchitecture.fromCpuinfo(List.of("vendor_id\t: GenuineIntel", "cpu family\t: 6",
                "model\t\t: 143", "flags\t\t: amx_tile avx512_fp16"))).isEqualTo("Sapphire Rapids (Intel family 6 model 143)");
    }
}
