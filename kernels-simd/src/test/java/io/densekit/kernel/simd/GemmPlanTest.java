package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GemmPlanTest {
    @Test
    void theBuiltInPlanIsTheGemmsConstants() {
        GemmPlan d = GemmPlan.defaults();
        assertThat(d.blockFrom()).isEqualTo(GemmPlan.hasThirtyTwoVectorRegisters() ? GemmPlan.BLOCK_FROM
                : GemmPlan.ROW_GROUPS_ONLY);
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
        assertThatThrownBy(() -> new GemmPlan(8, 3, 256, 4096, 256, 0, 0))
                .hasMessage("GEMM plan: rowGroup must be 1, 2, 4 or 8, got 3");
        assertThatThrownBy(() -> new GemmPlan(8, 4, 100, 4096, 256, 0, 0))
                .hasMessage("GEMM plan: mc must be a multiple of 8 in [8, 4096], got 100");
        assertThatThrownBy(() -> new GemmPlan(8, 4, 256, 4000, 256, 0, 0))
                .hasMessage("GEMM plan: nc must be a multiple of 64 in [64, 65536], got 4000");
        assertThatThrownBy(() -> new GemmPlan(8, 4, 256, 4096, 0, 0, 0))
                .hasMessage("GEMM plan: rowPanel must be a multiple of 64 in [64, 65536], got 0");
        assertThatThrownBy(() -> new GemmPlan(8, 4, 256, 4096, 256, -1, 0))
                .hasMessage("GEMM plan: parallelMinFmas must be >= 0, got -1");
        assertThatThrownBy(() -> new GemmPlan(8, 4, 256, 4096, 256, 0, 384))
                .hasMessage("GEMM plan: gemmBits must be 0, 128, 256 or 512, got 384");
        assertThatThrownBy(() -> new GemmPlan(7, 4, 256, 4096, 256, 0, 0))
                .hasMessage("GEMM plan: blockFrom must be at least 8 (2147483647: row groups only), got 7");
    }

    @Test
    void theDescriptionNamesEveryKnob() {
        assertThat(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 2, 128, 1024, 512, 1 << 18, 128).describe())
                .isEqualTo("row groups only, row groups of 2, MC 128, NC 1024, row panel 512, parallel from 2^18 FMAs,"
                        + " GEMM at 128 bits");
        assertThat(new GemmPlan(128, 4, 256, 4096, 256, 1 << 14, 0).describe())
                .isEqualTo("register block 8x2 vectors from 128 in m, n and k, row groups of 4, MC 256, NC 4096,"
                        + " row panel 256, parallel from 2^14 FMAs");
    }

    @Test
    void rowGroupsSplitByColumnsWhenWideOrWhenBIsAsLargeAsA() {
        int nr = 32;
        // Wide: 4 slivers a thread or more, whatever m.
        assertThat(GemmSplit.rowGroupsByRows(4096, 256, 2, nr)).isFalse();
        // 2 or 3 slivers a thread: columns only where B is at least half as large as A.
        assertThat(GemmSplit.rowGroupsByRows(64, 128, 2, nr)).isFalse();
        assertThat(GemmSplit.rowGroupsByRows(256, 128, 2, nr)).isFalse();
        assertThat(GemmSplit.rowGroupsByRows(257, 128, 2, nr)).isTrue();
        assertThat(GemmSplit.rowGroupsByRows(512, 128, 2, nr)).isTrue();
        // Fewer than 2 slivers a thread: rows.
        assertThat(GemmSplit.rowGroupsByRows(8, 64, 2, nr)).isTrue();
        assertThat(GemmSplit.rowGroupsByRows(333, 32, 2, nr)).isTrue();
    }

    @Test
    void theRegisterBlockTakesProductsWhoseEverySideReachesItsThreshold() {
        GemmPlan p = GemmPlan.withBlockFrom(128);
        assertThat(p.registerBlock(128, 128, 128)).isTrue();
        assertThat(p.registerBlock(127, 4096, 4096)).isFalse();
        assertThat(p.registerBlock(4096, 127, 4096)).isFalse();
        assertThat(p.registerBlock(4096, 4096, 127)).isFalse();
        assertThat(GemmPlan.withBlockFrom(GemmPlan.ROW_GROUPS_ONLY).registerBlock(1 << 20, 1 << 20, 1 << 20)).isFalse();
    }

    @Test
    void aGemmWidthAboveTheKernelsIsCappedByIt() {
        try (SimdKernel k = new SimdKernel(new SimdConfig(128, 1),
                new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 4, 256, 4096, 256, 1 << 20, 256))) {
            assertThat(k.vectorBits()).isEqualTo(128);
            assertThat(k.details()).doesNotContain("GEMM runs at");
        }
    }
}
