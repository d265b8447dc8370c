package io.densekit.nativelib.cublas;

/**
 * Row-major GEMM on column-major cuBLAS by operand order, never by transposing copies: a row-major
 * matrix is the column-major view of its transpose, so {@code C = op(A) op(B)} (row-major) is
 * {@code C^T = op(B)^T op(A)^T} (column-major): swap the operands and their flags, and swap m and n.
 *
 * <p>Arguments are as for a row-major BLAS: op(a) is m x k, op(b) k x n, c m x n; a is stored
 * {@code transA ? k x m : m x k} row-major with leading dimension lda (its column count), and so on.
 */
public final class RowMajorGemm {
    private RowMajorGemm() {
    }

    public static void sgemm(CublasHandle h, boolean transA, boolean transB, int m, int n, int k, float alpha,
                             DeviceBuffer a, int lda, DeviceBuffer b, int ldb, float beta, DeviceBuffer c, int ldc) {
        h.sgemm(transB, transA, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc);
    }

    public static void dgemm(CublasHandle h, boolean transA, boolean transB, int m, int n, int k, double alpha,
                             DeviceBuffer a, int lda, DeviceBuffer b, int ldb, double beta, DeviceBuffer c, int ldc) {
        h.dgemm(transB, transA, n, m, k, alpha, b, ldb, a, lda, beta, c, ldc);
    }
}
