package io.densekit.nativelib.cblas;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.MatrixExtent;
import io.densekit.nativelib.NativeLibraryException;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandles;
import java.util.EnumMap;
import java.util.Map;

/**
 * Row-major GEMM on Java arrays through a CBLAS library. Arrays are passed to the native code in
 * place, without copies: the downcalls are {@link Linker.Option#critical(boolean) critical} with heap
 * access, which pins the arrays for the duration of the call (G1 pins regions; other collectors may
 * hold off GC until the call returns).
 *
 * <p>Every argument is checked in Java before the call: dimensions, leading dimensions, offsets and
 * array lengths, and that c does not overlap a or b. A call that passes the checks reads and writes
 * only inside its arrays.
 *
 * <p>Once compiled, a call on whole arrays (every offset 0) allocates nothing: see
 * {@link CblasDowncalls} and the comment in {@link #sgemm}.
 */
public final class Cblas {
    /** The library's functions; the calls go through the shared handles of {@link CblasDowncalls}. */
    private final MemorySegment sgemmAddress;
    private final MemorySegment dgemmAddress;
    private final String location;
    private final BlasThreads threads;

    private Cblas(Map<CblasFunction, MemorySegment> addresses, String location, BlasThreads threads) {
        this.sgemmAddress = addresses.get(CblasFunction.SGEMM);
        this.dgemmAddress = addresses.get(CblasFunction.DGEMM);
        this.location = location;
        this.threads = threads;
    }

    /** Binds the library a search found; throws {@link NativeLibraryException} naming what is missing. */
    public static Cblas bind(LibraryLookupResult library) {
        return bind(library.symbols(), library.location());
    }

    /** Binds every {@link CblasFunction} from the lookup; throws {@link NativeLibraryException} naming a missing symbol. */
    public static Cblas bind(SymbolLookup symbols, String location) {
        Map<CblasFunction, MemorySegment> addresses = new EnumMap<>(CblasFunction.class);
        for (CblasFunction f : CblasFunction.values()) {
            addresses.put(f, symbols.find(f.symbol()).orElseThrow(() ->
                    new NativeLibraryException(location + " lacks the CBLAS function " + f.symbol())));
        }
        createDowncalls();
        return new Cblas(addresses, location, BlasThreads.bind(symbols));
    }

    /**
     * Creates the shared handles now, if not done yet, so that a platform that cannot make them
     * (no native linker) fails the binding, which the kernel provider reports, not the first GEMM.
     */
    private static void createDowncalls() {
        try {
            MethodHandles.lookup().ensureInitialized(CblasDowncalls.class);
        } catch (IllegalAccessException e) {
            throw new AssertionError("CblasDowncalls is in this package", e);
        } catch (ExceptionInInitializerError e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Where the library was found. */
    public String location() {
        return location;
    }

    /** The library's thread control and build description, where it offers them. */
    public BlasThreads threads() {
        return threads;
    }

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, row-major: op(a) is m x k, op(b) k x n, c m x n;
     * a is stored {@code transA ? k x m : m x k} with leading dimension lda from aOffset, and so on.
     * With {@code beta == 0} the old contents of c are not read.
     */
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        GemmCheck.rowMajor(CblasFunction.SGEMM.symbol(), transA, transB, m, n, k,
                a, a == null ? 0 : a.length, aOffset, lda, b, b == null ? 0 : b.length, bOffset, ldb,
                c, c == null ? 0 : c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // Once C2 has compiled this method, the segments below are not allocated: the handle is a
        // constant, so the downcall is inlined here and escape analysis removes them (see
        // CblasDowncalls). That is reliable for whole-array segments, the case of a training step.
        // asSlice goes through a virtual call that C2 may leave out of line, depending on profiles
        // the whole JVM shares (seen in the test JVM: "low call site frequency"); then the slices and
        // the segments under them are allocated. A call site of its own for whole arrays keeps a
        // slice from making their segments escape too.
        try {
            if ((aOffset | bOffset | cOffset) == 0) {
                CblasDowncalls.SGEMM.invokeExact(sgemmAddress, CblasFunction.ROW_MAJOR, op(transA), op(transB),
                        m, n, k, alpha, MemorySegment.ofArray(a), lda, MemorySegment.ofArray(b), ldb,
                        beta, MemorySegment.ofArray(c), ldc);
            } else {
                CblasDowncalls.SGEMM.invokeExact(sgemmAddress, CblasFunction.ROW_MAJOR, op(transA), op(transB),
                        m, n, k, alpha, MemorySegment.ofArray(a).asSlice(aOffset * 4L), lda,
                        MemorySegment.ofArray(b).asSlice(bOffset * 4L), ldb,
                        beta, MemorySegment.ofArray(c).asSlice(cOffset * 4L), ldc);
            }
        } catch (Throwable t) {
            throw rethrow(CblasFunction.SGEMM, t);
        }
    }

    /** As {@link #sgemm}, in double precision. */
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                      double beta, double[] c, int cOffset, int ldc) {
        GemmCheck.rowMajor(CblasFunction.DGEMM.symbol(), transA, transB, m, n, k,
                a, a == null ? 0 : a.length, aOffset, lda, b, b == null ? 0 : b.length, bOffset, ldb,
                c, c == null ? 0 : c.length, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        // Two call sites, as in sgemm.
        try {
            if ((aOffset | bOffset | cOffset) == 0) {
                CblasDowncalls.DGEMM.invokeExact(dgemmAddress, CblasFunction.ROW_MAJOR, op(transA), op(transB),
                        m, n, k, alpha, MemorySegment.ofArray(a), lda, MemorySegment.ofArray(b), ldb,
                        beta, MemorySegment.ofArray(c), ldc);
            } else {
                CblasDowncalls.DGEMM.invokeExact(dgemmAddress, CblasFunction.ROW_MAJOR, op(transA), op(transB),
                        m, n, k, alpha, MemorySegment.ofArray(a).asSlice(aOffset * 8L), lda,
                        MemorySegment.ofArray(b).asSlice(bOffset * 8L), ldb,
                        beta, MemorySegment.ofArray(c).asSlice(cOffset * 8L), ldc);
            }
        } catch (Throwable t) {
            throw rethrow(CblasFunction.DGEMM, t);
        }
    }

    private static int op(boolean trans) {
        return trans ? CblasFunction.TRANS : CblasFunction.NO_TRANS;
    }

    private static RuntimeException rethrow(CblasFunction f, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new NativeLibraryException(f.symbol() + " failed: " + t, t);
    }

    /** The argument checks of a row-major GEMM, shared by both precisions. */
    static final class GemmCheck {
        private GemmCheck() {
        }

        static void rowMajor(String call, boolean transA, boolean transB, int m, int n, int k,
                             Object a, long aLength, int aOffset, int lda,
                             Object b, long bLength, int bOffset, int ldb,
                             Object c, long cLength, int cOffset, int ldc) {
            MatrixExtent.requireDimension(call, "m", m);
            MatrixExtent.requireDimension(call, "n", n);
            MatrixExtent.requireDimension(call, "k", k);
            requireArray(call, "a", a);
            requireArray(call, "b", b);
            requireArray(call, "c", c);
            long aSpan = MatrixExtent.require(call, "a", transA ? k : m, transA ? m : k, lda, aOffset, aLength, true);
            long bSpan = MatrixExtent.require(call, "b", transB ? n : k, transB ? k : n, ldb, bOffset, bLength, true);
            long cSpan = MatrixExtent.require(call, "c", m, n, ldc, cOffset, cLength, true);
            if (a == c && MatrixExtent.overlaps(aOffset, aSpan, cOffset, cSpan)) {
                throw new IllegalArgumentException(call + ": c overlaps a in the same array; the output may not alias an input");
            }
            if (b == c && MatrixExtent.overlaps(bOffset, bSpan, cOffset, cSpan)) {
                throw new IllegalArgumentException(call + ": c overlaps b in the same array; the output may not alias an input");
            }
        }

        private static void requireArray(String call, String name, Object array) {
            if (array == null) {
                throw new IllegalArgumentException(call + ": " + name + " is null");
            }
        }
    }
}
