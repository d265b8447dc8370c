package io.densekit.kernel.simd;

import org.junit.jupiter.api.condition.EnabledIf;

/** Every tuning plan against the built-in one, at 256 bits; skipped where the machine's vectors are narrower. */
@EnabledIf(value = "io.densekit.kernel.simd.Widths#has256BitVectors", disabledReason = "this machine's vectors are narrower than 256 bits")
class GemmPlanBitEquality256Test extends GemmPlanBitEqualitySuite {
    @Override
    protected int bits() {
        return 256;
    }
}
