package io.densekit.nativelib.cublas;

/** cudaDataType_t values (library_types.h) for the operands of {@code cublasGemmEx}. */
public enum CudaDataType {
    R_32F(0, 4),
    R_64F(1, 8),
    R_16F(2, 2),
    R_16BF(14, 2);

    private final int code;
    private final int bytes;

    CudaDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }
}
