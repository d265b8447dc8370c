package io.densekit.nativelib.cublas;

/** cublasStatus_t values (cublas_api.h), each with a hint at its usual cause. */
public enum CublasStatus {
    SUCCESS(0, ""),
    NOT_INITIALIZED(1, "the handle is not initialised, or no CUDA context could be created"),
    ALLOC_FAILED(3, "cuBLAS could not allocate device memory"),
    INVALID_VALUE(7, "an argument is out of range"),
    ARCH_MISMATCH(8, "the GPU lacks a feature this call needs"),
    MAPPING_ERROR(11, "a GPU memory space could not be accessed"),
    EXECUTION_FAILED(13, "the GPU program failed to launch or execute"),
    INTERNAL_ERROR(14, "an internal cuBLAS operation failed"),
    NOT_SUPPORTED(15, "the requested combination of arguments is not supported"),
    LICENSE_ERROR(16, "license check failed"),
    UNKNOWN(-1, "a status this binding does not know");

    private final int code;
    private final String hint;

    CublasStatus(int code, String hint) {
        this.code = code;
        this.hint = hint;
    }

    public int code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    /** The C name, e.g. CUBLAS_STATUS_INVALID_VALUE. */
    public String cName() {
        return "CUBLAS_STATUS_" + name();
    }

    public static CublasStatus of(int code) {
        for (CublasStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
