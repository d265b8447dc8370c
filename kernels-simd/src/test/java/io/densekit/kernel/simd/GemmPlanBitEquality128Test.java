package io.densekit.kernel.simd;

/** Every tuning plan against the built-in one, at 128 bits. */
class GemmPlanBitEquality128Test extends GemmPlanBitEqualitySuite {
    @Override
    protected int bits() {
        return 128;
    }
}
