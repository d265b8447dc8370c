package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GemmPlanTest {
    @Test
    void theBuiltInPlanIsTheGemmsConstants() {
        GemmPlan d = GemmPlan.defaults();
        assertThat(d.registerBlock()).isFalse();
        assertThat(d.mc()).isEqualTo(F32Gemm.MC);
        assertThat(d.nc()).isEqualTo(F32Gemm.NC);
        assertThat(d.rowPanel()).isEqualTo(F32Gemm.ROW_PANEL);
        assertThat(d.rowGroup()).isEqualTo(F32Gemm.ROW_GROUP);
        assertThat(d.parallelMinFmas()).isEqualTo(GemmSplit.PARALLEL_MIN_FMAS);
        assertThat(d.gemmBits()).isZero();
        assertThat(d.gemmBits(256)).isEqualTo(256);
    }

    @Test
    void badKnobsAreRefusedNamingTheKnobAndWhatIsAllowed() {
        assertThatThrownBy(() -> new GemmPlan(true, 3, 256, 4096, 256, 0, 0))
                .hasMessage("GEMM plan: rowGroup must be 1, 2 or 4, got 3");
        assertThatThrownBy(() -> new GemmPlan(true, 4, 100, 4096, 256, 0, 0))
                .hasMessage("GEMM plan: mc must be a multiple of 8 in [8, 4096], got 100");
        assertThatThrownBy(() -> new GemmPlan(true, 4, 256, 4000, 256, 0, 0))
                .hasMessage("GEMM plan: nc must be a multiple of 64 in [64, 65536], got 4000");
        assertThatThrownBy(() -> new GemmPlan(true, 4, 256, 4096, 0, 0, 0))
                .hasMessage("GEMM plan: rowPanel must be a multiple of 64 in [64, 65536], got 0");
        assertThatThrownBy(() -> new GemmPlan(true, 4, 256, 4096, 256, -1, 0))
                .hasMessage("GEMM plan: parallelMinFmas must be >= 0, got -1");
        assertThatThrownBy(() -> new GemmPlan(true, 4, 256, 4096, 256, 0, 384))
                .hasMessage("GEMM plan: gemmBits must be 0, 128, 256 or 512, got 384");
    }

    @Test
    void theDescriptionNamesEveryKnob() {
        assertThat(new GemmPlan(false, 2, 128, 1024, 512, 1 << 18, 128).describe())
                .isEqualTo("row groups only, row groups of 2, MC 128, NC 1024, row panel 512, parallel from 2^18 FMAs,"
                        + " GEMM at 128 bits");
    }

    @Test
    void aGemmWidthAboveTheKernelsIsCappedByIt() {
        try (SimdKernel k = new SimdKernel(new SimdConfig(128, 1),
                new GemmPlan(false, 4, 256, 4096, 256, 1 << 20, 256))) {
            assertThat(k.vectorBits()).isEqualTo(128);
            assertThat(k.details()).doesNotContain("GEMM runs at");
        }
    }
}
