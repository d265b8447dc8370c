package io.densekit.nativelib.cublas;

/**
 * cublasComputeType_t values (cublas_api.h) for {@code cublasGemmEx}. The scalars alpha and beta are
 * double for the 64F types and float for the others.
 */
public enum ComputeType {
    COMPUTE_32F(68),
    COMPUTE_32F_PEDANTIC(69),
    COMPUTE_32F_FAST_16F(74),
    COMPUTE_32F_FAST_16BF(75),
    COMPUTE_32F_FAST_TF32(77),
    COMPUTE_64F(70),
    COMPUTE_64F_PEDANTIC(71);

    private final int code;

    ComputeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True when alpha and beta are doubles. */
    public boolean doubleScalars() {
        return this == COMPUTE_64F || this == COMPUTE_64F_PEDANTIC;
    }
}
