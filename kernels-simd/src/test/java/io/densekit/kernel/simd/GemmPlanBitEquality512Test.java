package io.densekit.kernel.simd;

import org.junit.jupiter.api.condition.EnabledIf;

/** Every tuning plan against the built-in one, at 512 bits; skipped where the machine's vectors are narrower. */
@EnabledIf(value = "io.densekit.kernel.simd.Widths#has512BitVectors", disabledReason = "this machine's vectors are narrower than 512 bits")
class GemmPlanBitEquality512Test extends GemmPlanBitEqualitySuite {
    @Override
    protected int bits() {
        return 512;
    }
}
