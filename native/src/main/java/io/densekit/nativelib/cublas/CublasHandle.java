package io.densekit.nativelib.cublas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.densekit.nativelib.MatrixExtent;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A cuBLAS handle and the column-major GEMMs on it. Like the handle itself, this object is not
 * thread-safe: use it from the thread that owns its CUDA context. Scalars (alpha, beta) are passed
 * from host memory (pointer mode host), which cuBLAS reads before the call returns, so one scratch
 * area per handle serves every call.
 *
 * <p>Every matrix operand is checked against its {@link DeviceBuffer} before the call: dimensions,
 * leading dimensions, the span the operand covers, and that c overlaps neither a nor b.
 */
public final class CublasHandle implements AutoCloseable {
    private final Cublas api;
    private final Arena arena;
    private final MemorySegment handle;
    private final MemorySegment scratch;
    private boolean closed;

    private CublasHandle(Cublas api, Arena arena, MemorySegment handle) {
        this.api = api;
        this.arena = arena;
        this.handle = handle;
        this.scratch = arena.allocate(16, 8);
    }

    static CublasHandle create(Cublas api) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) api.handle(CublasFunction.CREATE).invokeExact(out);
            Cublas.check(CublasFunction.CREATE, status);
            return new CublasHandle(api, arena, out.get(ADDRESS, 0));
        } catch (Throwable t) {
            arena.close();
            throw propagate(t);
        }
    }

    /** The raw cublasHandle_t, for cuBLAS functions this binding does not wrap. */
    public MemorySegment raw() {
        requireOpen();
        return handle;
    }

    /** cuBLAS's version number, e.g. 130100 for 13.1.0. */
    public int version() {
        requireOpen();
        MemorySegment out = scratch.asSlice(0, 4);
        call(CublasFunction.GET_VERSION, () -> (int) api.handle(CublasFunction.GET_VERSION).invokeExact(handle, out));
        return out.get(JAVA_INT, 0);
    }

    /** Queues this handle's work on the given CUDA stream (0: the legacy default stream). */
    public void setStream(long stream) {
        requireOpen();
        MemorySegment s = MemorySegment.ofAddress(stream);
        call(CublasFunction.SET_STREAM, () -> (int) api.handle(CublasFunction.SET_STREAM).invokeExact(handle, s));
    }

    public void setMathMode(MathMode mode) {
        requireOpen();
        int code = mode.code();
        call(CublasFunction.SET_MATH_MODE, () -> (int) api.handle(CublasFunction.SET_MATH_MODE).invokeExact(handle, code));
    }

    public MathMode mathMode() {
        requireOpen();
        MemorySegment out = scratch.asSlice(0, 4);
        call(CublasFunction.GET_MATH_MODE, () -> (int) api.handle(CublasFunction.GET_MATH_MODE).invokeExact(handle, out));
        return MathMode.of(out.get(JAVA_INT, 0));
    }

    /** Gives cuBLAS a workspace of its own, as CUDA graph capture needs (no allocation inside the graph). */
    public void setWorkspace(DeviceBuffer workspace) {
        requireOpen();
        MemorySegment w = MemorySegment.ofAddress(workspace.address());
        long bytes = workspace.bytes();
        call(CublasFunction.SET_WORKSPACE, () -> (int) api.handle(CublasFunction.SET_WORKSPACE).invokeExact(handle, w, bytes));
    }

    /**
     * Column-major {@code c = alpha * op(a) * op(b) + beta * c} in float32: op(a) is m x k, op(b) k x n.
     * a is stored {@code transA ? k x m : m x k} with leading dimension lda, and so on.
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, DeviceBuffer a, int lda,
                      DeviceBuffer b, int ldb, float beta, DeviceBuffer c, int ldc) {
        requireOpen();
        String call = CublasFunction.SGEMM.symbol();
        checkGemm(call, transA, transB, m, n, k, a, 4, lda, b, 4, ldb, c, 4, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        MemorySegment pa = scalarF(0, alpha);
        MemorySegment pb = scalarF(8, beta);
        call(CublasFunction.SGEMM, () -> (int) api.handle(CublasFunction.SGEMM).invokeExact(handle, op(transA), op(transB),
                m, n, k, pa, ptr(a), lda, ptr(b), ldb, pb, ptr(c), ldc));
    }

    /** As {@link #sgemm} in float64. */
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DeviceBuffer a, int lda,
                      DeviceBuffer b, int ldb, double beta, DeviceBuffer c, int ldc) {
        requireOpen();
        String call = CublasFunction.DGEMM.symbol();
        checkGemm(call, transA, transB, m, n, k, a, 8, lda, b, 8, ldb, c, 8, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        MemorySegment pa = scalarD(0, alpha);
        MemorySegment pb = scalarD(8, beta);
        call(CublasFunction.DGEMM, () -> (int) api.handle(CublasFunction.DGEMM).invokeExact(handle, op(transA), op(transB),
                m, n, k, pa, ptr(a), lda, ptr(b), ldb, pb, ptr(c), ldc));
    }

    /**
     * Column-major GEMM with explicit operand and compute types (cublasGemmEx); alpha and beta are
     * passed as double or float as the compute type requires. {@code algo} is a cublasGemmAlgo_t
     * (-1: CUBLAS_GEMM_DEFAULT).
     */
    public void gemmEx(boolean transA, boolean transB, int m, int n, int k, double alpha,
                       DeviceBuffer a, CudaDataType aType, int lda, DeviceBuffer b, CudaDataType bType, int ldb,
                       double beta, DeviceBuffer c, CudaDataType cType, int ldc, ComputeType computeType, int algo) {
        requireOpen();
        String call = CublasFunction.GEMM_EX.symbol();
        checkGemm(call, transA, transB, m, n, k, a, aType.bytes(), lda, b, bType.bytes(), ldb, c, cType.bytes(), ldc);
        if (m == 0 || n == 0) {
            return;
        }
        MemorySegment pa;
        MemorySegment pb;
        if (computeType.doubleScalars()) {
            pa = scalarD(0, alpha);
            pb = scalarD(8, beta);
        } else {
            pa = scalarF(0, (float) alpha);
            pb = scalarF(8, (float) beta);
        }
        int at = aType.code();
        int bt = bType.code();
        int ct = cType.code();
        int comp = computeType.code();
        call(CublasFunction.GEMM_EX, () -> (int) api.handle(CublasFunction.GEMM_EX).invokeExact(handle, op(transA),
                op(transB), m, n, k, pa, ptr(a), at, lda, ptr(b), bt, ldb, pb, ptr(c), ct, ldc, comp, algo));
    }

    /** Destroys the handle (cublasDestroy_v2); later calls throw. Closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(CublasFunction.DESTROY, () -> (int) api.handle(CublasFunction.DESTROY).invokeExact(handle));
        } finally {
            arena.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("cuBLAS handle is closed");
        }
    }

    private static void checkGemm(String call, boolean transA, boolean transB, int m, int n, int k,
                                  DeviceBuffer a, int aBytes, int lda, DeviceBuffer b, int bBytes, int ldb,
                                  DeviceBuffer c, int cBytes, int ldc) {
        MatrixExtent.requireDimension(call, "m", m);
        MatrixExtent.requireDimension(call, "n", n);
        MatrixExtent.requireDimension(call, "k", k);
        requireBuffer(call, "a", a);
        requireBuffer(call, "b", b);
        requireBuffer(call, "c", c);
        long aSpan = MatrixExtent.require(call, "a", transA ? k : m, transA ? m : k, lda, 0, a.elements(aBytes), false);
        long bSpan = MatrixExtent.require(call, "b", transB ? n : k, transB ? k : n, ldb, 0, b.elements(bBytes), false);
        long cSpan = MatrixExtent.require(call, "c", m, n, ldc, 0, c.elements(cBytes), false);
        if (MatrixExtent.overlaps(a.address(), aSpan * aBytes, c.address(), cSpan * cBytes)) {
            throw new IllegalArgumentException(call + ": c overlaps a in device memory; the output may not alias an input");
        }
        if (MatrixExtent.overlaps(b.address(), bSpan * bBytes, c.address(), cSpan * cBytes)) {
            throw new IllegalArgumentException(call + ": c overlaps b in device memory; the output may not alias an input");
        }
    }

    private static void requireBuffer(String call, String name, DeviceBuffer buffer) {
        if (buffer == null) {
            throw new IllegalArgumentException(call + ": " + name + " is null");
        }
    }

    /** Writes a float scalar into the scratch area and returns a pointer to it. */
    private MemorySegment scalarF(long offset, float value) {
        MemorySegment s = scratch.asSlice(offset, 4);
        s.set(JAVA_FLOAT, 0, value);
        return s;
    }

    private MemorySegment scalarD(long offset, double value) {
        MemorySegment s = scratch.asSlice(offset, 8);
        s.set(JAVA_DOUBLE, 0, value);
        return s;
    }

    private static MemorySegment ptr(DeviceBuffer b) {
        return MemorySegment.ofAddress(b.address());
    }

    /** cublasOperation_t: CUBLAS_OP_N 0, CUBLAS_OP_T 1. */
    private static int op(boolean trans) {
        return trans ? 1 : 0;
    }

    @FunctionalInterface
    private interface NativeCall {
        int invoke() throws Throwable;
    }

    private static void call(CublasFunction f, NativeCall c) {
        int status;
        try {
            status = c.invoke();
        } catch (Throwable t) {
            throw propagate(t);
        }
        Cublas.check(f, status);
    }

    private static RuntimeException propagate(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
