package io.densekit.nativelib.cublas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;

/**
 * Every cuBLAS entry point the binding declares, with its C signature: the single list the binding
 * binds and the symbol test checks against a real libcublas. The {@code _v2} names are the ones the
 * library exports (the unsuffixed names in cublas_v2.h are macros for them). Every function returns
 * a {@code cublasStatus_t} (int); handles and streams are pointers; enums are ints.
 */
public enum CublasFunction {
    /** cublasCreate_v2(cublasHandle_t* handle) */
    CREATE("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
    /** cublasDestroy_v2(cublasHandle_t handle) */
    DESTROY("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
    /** cublasGetVersion_v2(cublasHandle_t handle, int* version) */
    GET_VERSION("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
    /** cublasSetStream_v2(cublasHandle_t handle, cudaStream_t stream) */
    SET_STREAM("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
    /** cublasSetMathMode(cublasHandle_t handle, cublasMath_t mode) */
    SET_MATH_MODE("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
    /** cublasGetMathMode(cublasHandle_t handle, cublasMath_t* mode) */
    GET_MATH_MODE("cublasGetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
    /** cublasSetPointerMode_v2(cublasHandle_t handle, cublasPointerMode_t mode) */
    SET_POINTER_MODE("cublasSetPointerMode_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
    /** cublasSetWorkspace_v2(cublasHandle_t handle, void* workspace, size_t bytes): for CUDA graph capture */
    SET_WORKSPACE("cublasSetWorkspace_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG)),
    /** cublasSgemm_v2(handle, transa, transb, m, n, k, const float* alpha, A, lda, B, ldb, const float* beta, C, ldc) */
    SGEMM("cublasSgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
    /** cublasDgemm_v2(handle, transa, transb, m, n, k, const double* alpha, A, lda, B, ldb, const double* beta, C, ldc) */
    DGEMM("cublasDgemm_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
    /**
     * cublasGemmEx(handle, transa, transb, m, n, k, const void* alpha, A, Atype, lda, B, Btype, ldb,
     * const void* beta, C, Ctype, ldc, cublasComputeType_t computeType, cublasGemmAlgo_t algo)
     */
    GEMM_EX("cublasGemmEx", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_INT));

    private final String symbol;
    private final FunctionDescriptor descriptor;

    CublasFunction(String symbol, FunctionDescriptor descriptor) {
        this.symbol = symbol;
        this.descriptor = descriptor;
    }

    public String symbol() {
        return symbol;
    }

    public FunctionDescriptor descriptor() {
        return descriptor;
    }
}
