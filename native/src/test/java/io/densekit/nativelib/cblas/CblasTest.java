package io.densekit.nativelib.cblas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.NativeLibraryException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CBLAS binding against the library found on this machine (skipped with the reason where none
 * is): results on padded, offset arrays equal a plain loop exactly, nothing outside the operands is
 * read or written, and bad arguments are refused before the native call.
 */
class CblasTest {
    private static Cblas cblas;

    @BeforeAll
    static void bind() {
        LibraryLookupResult lib = NativeLibraries.system().cblas();
        assumeTrue(lib.found(), () -> "no CBLAS library here: " + lib.reason());
        cblas = Cblas.bind(lib);
    }

    /** A random GEMM problem laid out in larger arrays with NaN guards around and between the rows. */
    private record Problem(boolean ta, boolean tb, int m, int n, int k, int lda, int ldb, int ldc,
                           int aOff, int bOff, int cOff, double[] a, double[] b, double[] c, double alpha, double beta) {

        static Problem random(Random rnd) {
            boolean ta = rnd.nextBoolean();
            boolean tb = rnd.nextBoolean();
            int m = rnd.nextInt(8);
            int n = rnd.nextInt(8);
            int k = rnd.nextInt(8);
            int lda = Math.max(1, ta ? m : k) + rnd.nextInt(3);
            int ldb = Math.max(1, tb ? k : n) + rnd.nextInt(3);
            int ldc = Math.max(1, n) + rnd.nextInt(3);
            int aOff = rnd.nextInt(4);
            int bOff = rnd.nextInt(4);
            int cOff = rnd.nextInt(4);
            double[] a = guarded(rnd, aOff, ta ? k : m, ta ? m : k, lda);
            double[] b = guarded(rnd, bOff, tb ? n : k, tb ? k : n, ldb);
            double[] c = guarded(rnd, cOff, m, n, ldc);
            double[][] ab = {{1, 0}, {2, -1}, {-1, 0.5}, {0.5, 1}};
            double[] pick = ab[rnd.nextInt(ab.length)];
            return new Problem(ta, tb, m, n, k, lda, ldb, ldc, aOff, bOff, cOff, a, b, c, pick[0], pick[1]);
        }

        /** Small integers inside the matrix (products and sums stay exact in float), NaN everywhere else. */
        private static double[] guarded(Random rnd, int off, int rows, int cols, int ld) {
            double[] x = new double[off + Math.max(0, (rows - 1) * ld + cols) + 3];
            Arrays.fill(x, Double.NaN);
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    x[off + r * ld + col] = rnd.nextInt(7) - 3;
                }
            }
            return x;
        }

        double[] expected() {
            double[] out = c.clone();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p])
                                * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                    }
                    int ci = cOff + i * ldc + j;
                    out[ci] = beta == 0 ? alpha * s : alpha * s + beta * c[ci];
                }
            }
            return out;
        }

        static float[] f(double[] x) {
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = (float) x[i];
            }
            return out;
        }
    }

    @Test
    void dgemmOnOffsetPaddedArraysMatchesALoopAndTouchesNothingElse() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 400; trial++) {
            Problem p = Problem.random(rnd);
            double[] c = p.c().clone();
            cblas.dgemm(p.ta(), p.tb(), p.m(), p.n(), p.k(), p.alpha(), p.a(), p.aOff(), p.lda(),
                    p.b(), p.bOff(), p.ldb(), p.beta(), c, p.cOff(), p.ldc());
            assertSameValues(c, p.expected(), "trial " + trial + ": " + p);
        }
    }

    @Test
    void sgemmOnOffsetPaddedArraysMatchesALoopAndTouchesNothingElse() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 400; trial++) {
            Problem p = Problem.random(rnd);
            float[] c = Problem.f(p.c());
            cblas.sgemm(p.ta(), p.tb(), p.m(), p.n(), p.k(), (float) p.alpha(), Problem.f(p.a()), p.aOff(), p.lda(),
                    Problem.f(p.b()), p.bOff(), p.ldb(), (float) p.beta(), c, p.cOff(), p.ldc());
            double[] actual = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                actual[i] = c[i];
            }
            assertSameValues(actual, Problem.f(p.expected()), "trial " + trial + ": " + p);
        }
    }

    /**
     * Exact equality as numbers (0.0 == -0.0: BLAS may produce either sign of zero for an exact zero),
     * with NaN guards required to stay NaN: a changed guard means a write outside c, and a NaN
     * inside c means a read of a guard outside a or b.
     */
    private static void assertSameValues(double[] actual, float[] expected, String what) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        assertSameValues(actual, e, what);
    }

    private static void assertSameValues(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            boolean same = Double.isNaN(expected[i]) ? Double.isNaN(actual[i]) : actual[i] == expected[i];
            assertThat(same).as("%s: element %d is %s, expected %s", what, i, actual[i], expected[i]).isTrue();
        }
    }

    @Test
    void betaZeroIgnoresNanInC() {
        double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        cblas.dgemm(false, false, 2, 2, 1, 1, new double[] {1, 2}, 0, 1, new double[] {3, 4}, 0, 2, 0, c, 0, 2);
        assertThat(c).containsExactly(3, 4, 6, 8);
    }

    @Test
    void badArgumentsAreRefusedBeforeTheNativeCall() {
        double[] a6 = new double[6];
        double[] b6 = new double[6];
        double[] c4 = new double[4];
        // 2x3 * 3x2 = 2x2 fits exactly; every case below breaks one thing.
        cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, c4, 0, 2);
        assertRefused(() -> cblas.dgemm(false, false, -1, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, c4, 0, 2), "m is -1");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, -3, 1, a6, 0, 3, b6, 0, 2, 0, c4, 0, 2), "k is -3");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 2, b6, 0, 2, 0, c4, 0, 2),
                "lda is 2 but a is stored as 2 x 3 row-major; expected lda >= 3");
        assertRefused(() -> cblas.dgemm(true, false, 2, 2, 3, 1, a6, 0, 1, b6, 0, 2, 0, c4, 0, 2),
                "lda is 1 but a is stored as 3 x 2");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 1, 3, b6, 0, 2, 0, c4, 0, 2),
                "a (2 x 3, lda 3, offset 1) needs 7 elements but its buffer holds 6");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 4, b6, 0, 2, 0, c4, 0, 2),
                "needs 7 elements but its buffer holds 6");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 3, new double[5], 0, 2, 0, c4, 0, 2),
                "b (3 x 2, ldb 2, offset 0) needs 6 elements but its buffer holds 5");
        assertRefused(() -> cblas.dgemm(false, true, 2, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, c4, 0, 2),
                "ldb is 2 but b is stored as 2 x 3");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, new double[3], 0, 2),
                "c (2 x 2, ldc 2, offset 0) needs 4 elements but its buffer holds 3");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, c4, 0, 1), "ldc is 1");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, -1, 3, b6, 0, 2, 0, c4, 0, 2),
                "offset of a is -1");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, a6, 0, 3, b6, 0, 2, 0, c4, Integer.MAX_VALUE, 2),
                "buffer holds 4");
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, null, 0, 3, b6, 0, 2, 0, c4, 0, 2), "a is null");
        double[] shared = new double[16];
        assertRefused(() -> cblas.dgemm(false, false, 2, 2, 3, 1, shared, 0, 3, b6, 0, 2, 0, shared, 4, 2),
                "c overlaps a");
        // Disjoint parts of one array are fine.
        cblas.dgemm(false, false, 2, 2, 3, 1, shared, 0, 3, b6, 0, 2, 0, shared, 6, 2);
        float[] f6 = new float[6];
        assertRefused(() -> cblas.sgemm(false, false, 2, 2, 3, 1, f6, 0, 3, f6, 0, 2, 0, new float[2], 0, 2),
                "cblas_sgemm: c (2 x 2, ldc 2, offset 0) needs 4 elements but its buffer holds 2");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void bindingALibraryWithoutCblasNamesTheMissingFunction() {
        assertThatThrownBy(() -> Cblas.bind(name -> Optional.empty(), "/x/libblas.so.3"))
                .isInstanceOf(NativeLibraryException.class)
                .hasMessage("/x/libblas.so.3 lacks the CBLAS function cblas_sgemm");
    }

    @Test
    void vendorThreadControlIsOptional() {
        BlasThreads t = cblas.threads();
        if (t.threads().isPresent()) {
            int before = t.threads().getAsInt();
            assertThat(t.setThreads(1)).isTrue();
            assertThat(t.threads()).hasValue(1);
            t.setThreads(before);
            assertThat(t.threads()).hasValue(before);
        }
        if (cblas.location().contains("openblas")) {
            assertThat(t.config()).hasValueSatisfying(c -> assertThat(c).containsIgnoringCase("openblas"));
        }
        assertThatThrownBy(() -> t.setThreads(0)).hasMessageContaining(">= 1");
        BlasThreads none = BlasThreads.bind(name -> Optional.empty());
        assertThat(none.threads()).isEmpty();
        assertThat(none.setThreads(2)).isFalse();
        assertThat(none.config()).isEmpty();
    }

    @Test
    void zeroSizedProductsAreFine() {
        double[] c = {5, 6};
        cblas.dgemm(false, false, 1, 2, 0, 1, new double[0], 0, 1, new double[0], 0, 2, 2, c, 0, 2);
        assertThat(c).containsExactly(10, 12);
        cblas.dgemm(false, false, 0, 2, 3, 1, new double[0], 0, 3, new double[6], 0, 2, 0, new double[0], 0, 2);
    }
}
