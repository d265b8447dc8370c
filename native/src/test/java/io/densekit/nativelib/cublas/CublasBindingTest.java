package io.densekit.nativelib.cublas;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.nativelib.NativeLibraryException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cuBLAS binding's Java side against {@link FakeCublas}: no GPU needed. */
@SuppressWarnings("restricted")
class CublasBindingTest {
    private final FakeCublas fake = new FakeCublas();
    private final Cublas cublas = Cublas.bind(fake, "fake libcublas");
    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        assertThat(fake.failure).as("failure inside the fake library").isNull();
        arena.close();
        fake.close();
    }

    private DeviceBuffer buffer(long bytes) {
        MemorySegment s = arena.allocate(Math.max(bytes, 1), 8);
        return new DeviceBuffer(s.address(), bytes);
    }

    @Test
    void bindingNamesEveryMissingFunction() {
        try (FakeCublas partial = new FakeCublas(EnumSet.of(CublasFunction.GEMM_EX, CublasFunction.SET_WORKSPACE))) {
            assertThat(Cublas.missing(partial)).containsExactly(CublasFunction.SET_WORKSPACE, CublasFunction.GEMM_EX);
            assertThatThrownBy(() -> Cublas.bind(partial, "/opt/old/libcublas.so.10"))
                    .isInstanceOf(NativeLibraryException.class)
                    .hasMessage("/opt/old/libcublas.so.10 lacks the cuBLAS functions cublasSetWorkspace_v2, cublasGemmEx"
                            + " (densekit needs cuBLAS 11 or newer)");
        }
    }

    @Test
    void handleLifecycle() {
        CublasHandle h = cublas.createHandle();
        assertThat(h.raw().address()).isEqualTo(FakeCublas.HANDLE);
        assertThat(h.version()).isEqualTo(130100);
        h.close();
        h.close();
        assertThat(fake.calls).containsExactly("cublasCreate_v2", "cublasGetVersion_v2", "cublasDestroy_v2");
        assertThat(((MemorySegment) fake.lastArgs.get("cublasDestroy_v2")[0]).address()).isEqualTo(FakeCublas.HANDLE);
        assertThatThrownBy(h::version).isInstanceOf(IllegalStateException.class).hasMessage("cuBLAS handle is closed");
    }

    @Test
    void errorStatusesBecomeExceptionsNamingTheCallAndTheStatus() {
        fake.statuses.put("cublasCreate_v2", 1);
        assertThatThrownBy(cublas::createHandle).isInstanceOf(CublasException.class)
                .hasMessageStartingWith("cublasCreate_v2 failed: CUBLAS_STATUS_NOT_INITIALIZED (1)");
        fake.statuses.clear();
        try (CublasHandle h = cublas.createHandle()) {
            fake.statuses.put("cublasSgemm_v2", 7);
            DeviceBuffer x = buffer(16);
            DeviceBuffer y = buffer(16);
            DeviceBuffer z = buffer(16);
            assertThatThrownBy(() -> h.sgemm(false, false, 2, 2, 2, 1, x, 2, y, 2, 0, z, 2))
                    .isInstanceOf(CublasException.class)
                    .hasMessage("cublasSgemm_v2 failed: CUBLAS_STATUS_INVALID_VALUE (7): an argument is out of range")
                    .satisfies(e -> assertThat(((CublasException) e).status()).isEqualTo(CublasStatus.INVALID_VALUE));
            fake.statuses.put("cublasSetMathMode", 99);
            assertThatThrownBy(() -> h.setMathMode(MathMode.TF32_TENSOR_OP))
                    .hasMessageStartingWith("cublasSetMathMode failed: unknown cuBLAS status (99)");
        }
    }

    @Test
    void mathModeStreamAndWorkspaceReachTheLibrary() {
        try (CublasHandle h = cublas.createHandle()) {
            assertThat(h.mathMode()).isEqualTo(MathMode.DEFAULT);
            h.setMathMode(MathMode.TF32_TENSOR_OP);
            assertThat(fake.mathMode).isEqualTo(3);
            assertThat(h.mathMode()).isEqualTo(MathMode.TF32_TENSOR_OP);
            fake.mathMode = 16; // CUBLAS_MATH_DISALLOW_REDUCED_PRECISION_REDUCTION | DEFAULT
            assertThat(h.mathMode()).isEqualTo(MathMode.DEFAULT);
            h.setStream(0x1234);
            assertThat(((MemorySegment) fake.lastArgs.get("cublasSetStream_v2")[1]).address()).isEqualTo(0x1234);
            DeviceBuffer ws = buffer(4096);
            h.setWorkspace(ws);
            Object[] args = fake.lastArgs.get("cublasSetWorkspace_v2");
            assertThat(((MemorySegment) args[1]).address()).isEqualTo(ws.address());
            assertThat(args[2]).isEqualTo(4096L);
        }
    }

    @Test
    void rowMajorGemmByOperandOrderMatchesARowMajorLoop() {
        Random rnd = new Random(3);
        try (CublasHandle h = cublas.createHandle()) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                int m = 3;
                int n = 5;
                int k = 4;
                double[] a = ints(rnd, m * k);
                double[] b = ints(rnd, k * n);
                double[] expected = new double[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                        }
                        expected[i * n + j] = 2 * s;
                    }
                }
                int lda = ta ? m : k;
                int ldb = tb ? k : n;
                DeviceBuffer da = upload(a);
                DeviceBuffer db = upload(b);
                DeviceBuffer dc = buffer(8L * m * n);
                RowMajorGemm.dgemm(h, ta, tb, m, n, k, 2, da, lda, db, ldb, 0, dc, n);
                assertThat(download(dc, m * n)).as("transA=%b transB=%b", ta, tb).containsExactly(expected);
                assertThat(fake.lastAlpha).isEqualTo(2.0);

                DeviceBuffer fa = uploadF(a);
                DeviceBuffer fb = uploadF(b);
                DeviceBuffer fc = buffer(4L * m * n);
                RowMajorGemm.sgemm(h, ta, tb, m, n, k, 2, fa, lda, fb, ldb, 0, fc, n);
                assertThat(downloadF(fc, m * n)).containsExactly(expected);
            }
        }
    }

    @Test
    void gemmExPassesScalarsOfTheComputeTypesWidth() {
        try (CublasHandle h = cublas.createHandle()) {
            DeviceBuffer x = buffer(64);
            DeviceBuffer y = buffer(64);
            DeviceBuffer z = buffer(64);
            h.gemmEx(false, false, 2, 2, 2, 0.1, x, CudaDataType.R_64F, 2, y, CudaDataType.R_64F, 2, 0.25,
                    z, CudaDataType.R_64F, 2, ComputeType.COMPUTE_64F, -1);
            assertThat(fake.lastAlpha).isEqualTo(0.1);
            assertThat(fake.lastBeta).isEqualTo(0.25);
            h.gemmEx(true, false, 2, 2, 2, 0.1, x, CudaDataType.R_32F, 2, y, CudaDataType.R_32F, 2, 0.25,
                    z, CudaDataType.R_32F, 2, ComputeType.COMPUTE_32F_FAST_TF32, 99);
            assertThat(fake.lastAlpha).isEqualTo((double) 0.1f);
            Object[] args = fake.lastArgs.get("cublasGemmEx");
            assertThat(args[1]).isEqualTo(1);
            assertThat(args[8]).isEqualTo(CudaDataType.R_32F.code());
            assertThat(args[17]).isEqualTo(77);
            assertThat(args[18]).isEqualTo(99);
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeTheCall() {
        try (CublasHandle h = cublas.createHandle()) {
            DeviceBuffer a = buffer(4L * 6);
            DeviceBuffer b = buffer(4L * 6);
            DeviceBuffer c = buffer(4L * 4);
            // Column-major: a 2x3 (lda 2), b 3x2 (ldb 3), c 2x2 (ldc 2) fit exactly.
            h.sgemm(false, false, 2, 2, 3, 1, a, 2, b, 3, 0, c, 2);
            int before = fake.calls.size();
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, a, 1, b, 3, 0, c, 2),
                    "cublasSgemm_v2: lda is 1 but a is stored as 2 x 3 column-major; expected lda >= 2");
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, a, 3, b, 3, 0, c, 2),
                    "a (2 x 3, lda 3, offset 0) needs 8 elements but its buffer holds 6");
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, a, 2, b, 3, 0, buffer(12), 2),
                    "c (2 x 2, ldc 2, offset 0) needs 4 elements but its buffer holds 3");
            assertRefused(() -> h.dgemm(false, false, 2, 2, 3, 1, a, 2, b, 3, 0, c, 2),
                    "cublasDgemm_v2: a (2 x 3, lda 2, offset 0) needs 6 elements but its buffer holds 3");
            assertRefused(() -> h.sgemm(false, false, -2, 2, 3, 1, a, 2, b, 3, 0, c, 2), "m is -2");
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, null, 2, b, 3, 0, c, 2), "a is null");
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, a, 2, b, 3, 0, a, 2), "c overlaps a");
            DeviceBuffer inside = new DeviceBuffer(b.address() + 8, 16);
            assertRefused(() -> h.sgemm(false, false, 2, 2, 3, 1, a, 2, b, 3, 0, inside, 2), "c overlaps b");
            assertRefused(() -> h.gemmEx(false, false, 2, 2, 3, 1, a, CudaDataType.R_64F, 2, b, CudaDataType.R_32F, 3,
                    0, c, CudaDataType.R_32F, 2, ComputeType.COMPUTE_32F, -1), "cublasGemmEx: a");
            assertThat(fake.calls).hasSize(before);
        }
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static double[] ints(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextInt(7) - 3;
        }
        return x;
    }

    private DeviceBuffer upload(double[] x) {
        MemorySegment s = arena.allocate(8L * x.length, 8);
        MemorySegment.copy(x, 0, s, JAVA_DOUBLE, 0, x.length);
        return new DeviceBuffer(s.address(), s.byteSize());
    }

    private DeviceBuffer uploadF(double[] x) {
        MemorySegment s = arena.allocate(4L * x.length, 8);
        for (int i = 0; i < x.length; i++) {
            s.setAtIndex(JAVA_FLOAT, i, (float) x[i]);
        }
        return new DeviceBuffer(s.address(), s.byteSize());
    }

    private static double[] download(DeviceBuffer b, int n) {
        return MemorySegment.ofAddress(b.address()).reinterpret(8L * n).toArray(JAVA_DOUBLE);
    }

    private static double[] downloadF(DeviceBuffer b, int n) {
        float[] f = MemorySegment.ofAddress(b.address()).reinterpret(4L * n).toArray(JAVA_FLOAT);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
