package io.densekit.kernel.cuda.launch;

import io.densekit.tensor.DType;

/**
 * Every CUDA kernel densekit launches, with its parameter list as a signature string: {@code p} a
 * device pointer, {@code l} a {@code long long}, {@code i} an {@code int}, {@code d} a
 * {@code double} (see kernels-cuda/src/main/cuda/README.md). A test checks each signature against the
 * PTX's parameter declarations, so a launch can never pass arguments the kernel does not expect.
 */
public enum KernelEntry {
    BIAS_ACT_FORWARD("dk_bias_act_forward", "pppiii", Geometry.ELEMENTWISE),
    ACT_BACKWARD("dk_act_backward", "pppli", Geometry.ELEMENTWISE),
    BIAS_SOFTMAX_FORWARD("dk_bias_softmax_forward", "pppii", Geometry.ROWS),
    BIAS_LOG_SOFTMAX_FORWARD("dk_bias_log_softmax_forward", "pppii", Geometry.ROWS),
    SOFTMAX_BACKWARD("dk_softmax_backward", "pppii", Geometry.ROWS),
    LOG_SOFTMAX_BACKWARD("dk_log_softmax_backward", "pppii", Geometry.ROWS),
    MSE_ROWS("dk_mse_rows", "pppii", Geometry.ROWS),
    BCE_ROWS("dk_bce_rows", "pppiip", Geometry.ROWS),
    CE_DENSE_ROWS("dk_ce_dense_rows", "pppii", Geometry.ROWS),
    CE_INDEX_ROWS("dk_ce_index_rows", "pppiip", Geometry.ROWS),
    NLL_DENSE_ROWS("dk_nll_dense_rows", "pppii", Geometry.ROWS),
    NLL_INDEX_ROWS("dk_nll_index_rows", "pppiip", Geometry.ELEMENTWISE),
    SUM_DIV("dk_sum_div", "ppid", Geometry.SINGLE_BLOCK, false),
    MSE_GRAD("dk_mse_grad", "pppl", Geometry.ELEMENTWISE),
    BCE_GRAD("dk_bce_grad", "ppplp", Geometry.ELEMENTWISE),
    CE_DENSE_GRAD("dk_ce_dense_grad", "pppii", Geometry.ROWS),
    CE_INDEX_GRAD("dk_ce_index_grad", "pppiip", Geometry.ROWS),
    NLL_DENSE_GRAD("dk_nll_dense_grad", "ppii", Geometry.ELEMENTWISE),
    NLL_INDEX_GRAD("dk_nll_index_grad", "ppiip", Geometry.ELEMENTWISE),
    COUNT_CORRECT_ROWS("dk_count_correct_rows", "pppiiip", Geometry.ELEMENTWISE),
    COLUMN_SUMS("dk_column_sums", "ppii", Geometry.COLUMNS),
    ACT_BACKWARD_COLUMN_SUMS("dk_act_backward_column_sums", "pppiii", Geometry.COLUMNS),
    SGD_UPDATE("dk_sgd_update", "ppplddddii", Geometry.ELEMENTWISE),
    ADAM_UPDATE("dk_adam_update", "ppppldddddd", Geometry.ELEMENTWISE),
    SGD_UPDATE_MULTI("dk_sgd_update_multi", "piddddii", Geometry.MULTI_TENSOR),
    ADAM_UPDATE_MULTI("dk_adam_update_multi", "pidddddd", Geometry.MULTI_TENSOR),
    GATHER_ROWS("dk_gather_rows", "ppipii", Geometry.ELEMENTWISE);

    private final String base;
    private final String signature;
    private final Geometry geometry;
    private final boolean typed;

    KernelEntry(String base, String signature, Geometry geometry) {
        this(base, signature, geometry, true);
    }

    KernelEntry(String base, String signature, Geometry geometry, boolean typed) {
        this.base = base;
        this.signature = signature;
        this.geometry = geometry;
        this.typed = typed;
    }

    /** The PTX entry name for a dtype: "dk_sgd_update_f32"; untyped kernels ignore the dtype. */
    public String symbol(DType dtype) {
        return typed ? base + "_" + dtype.shortName() : base;
    }

    public String signature() {
        return signature;
    }

    public Geometry geometry() {
        return geometry;
    }

    /** True when the kernel exists as _f32 and _f64. */
    public boolean typed() {
        return typed;
    }
}
