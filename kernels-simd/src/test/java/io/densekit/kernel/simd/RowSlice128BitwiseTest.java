package io.densekit.kernel.simd;

/** Rows alone against the same rows of a batch with 128-bit vectors, the narrowest the kernel uses. */
class RowSlice128BitwiseTest extends RowSliceBitwiseSuite {
    @Override
    protected int bits() {
        return 128;
    }
}
