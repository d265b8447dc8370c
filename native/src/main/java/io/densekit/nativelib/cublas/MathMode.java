package io.densekit.nativelib.cublas;

/**
 * cublasMath_t. {@link #DEFAULT} keeps float32 GEMMs in full FP32 (results comparable with the CPU
 * kernels); {@link #TF32_TENSOR_OP} is the opt-in that lets FP32 GEMMs run on tensor cores in TF32.
 */
public enum MathMode {
    DEFAULT(0),
    PEDANTIC(2),
    TF32_TENSOR_OP(3);

    private final int code;

    MathMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The mode for a code cublasGetMathMode returned, ignoring flag bits such as 16 (no reduced-precision reduction). */
    public static MathMode of(int code) {
        int base = code & 0xF;
        for (MathMode m : values()) {
            if (m.code == base) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown cublasMath_t " + code);
    }
}
