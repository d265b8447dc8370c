package io.densekit.kernel.simd;

import org.junit.jupiter.api.condition.EnabledIf;

/** Rows alone against the same rows of a batch with 512-bit vectors; skipped where the machine's are narrower. */
@EnabledIf(value = "io.densekit.kernel.simd.Widths#has512BitVectors", disabledReason = "this machine's vectors are narrower than 512 bits")
class RowSlice512BitwiseTest extends RowSliceBitwiseSuite {
    @Override
    protected int bits() {
        return 512;
    }
}
