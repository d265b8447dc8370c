package io.densekit.nativelib.cublas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in libcublas made of FFM upcall stubs, one per {@link CublasFunction}, so the binding's
 * whole Java path (descriptors, scalars, status handling, argument checks) runs without a GPU. Its
 * "device memory" is host memory, and its GEMMs compute column-major on it like cuBLAS would.
 */
@SuppressWarnings("restricted")
final class FakeCublas implements SymbolLookup, AutoCloseable {
    static final long HANDLE = 0xCAFEL;

    private final Arena arena = Arena.ofShared();
    private final Map<String, MemorySegment> stubs = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, Integer> statuses = new HashMap<>();
    final Map<String, Object[]> lastArgs = new HashMap<>();
    int mathMode;
    double lastAlpha;
    double lastBeta;

    FakeCublas() {
        this(EnumSet.noneOf(CublasFunction.class));
    }

    FakeCublas(Set<CublasFunction> omitted) {
        try {
            MethodHandle dispatch = MethodHandles.lookup().findVirtual(FakeCublas.class, "call",
                    MethodType.methodType(int.class, String.class, Object[].class)).bindTo(this);
            for (CublasFunction f : CublasFunction.values()) {
                if (omitted.contains(f)) {
                    continue;
                }
                MethodType type = f.descriptor().toMethodType();
                MethodHandle target = MethodHandles.insertArguments(dispatch, 0, f.symbol())
                        .asCollector(Object[].class, type.parameterCount()).asType(type);
                stubs.put(f.symbol(), Linker.nativeLinker().upcallStub(target, f.descriptor(), arena));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<MemorySegment> find(String name) {
        return Optional.ofNullable(stubs.get(name));
    }

    @Override
    public void close() {
        arena.close();
    }

    /** A failure inside the fake, kept instead of thrown: an exception escaping an upcall ends the JVM. */
    Throwable failure;

    @SuppressWarnings("unused") // called through the upcall stubs
    private int call(String name, Object[] args) {
        try {
            return dispatch(name, args);
        } catch (Throwable t) {
            failure = t;
            return CublasStatus.INTERNAL_ERROR.code();
        }
    }

    private int dispatch(String name, Object[] args) {
        calls.add(name);
        lastArgs.put(name, args);
        Integer status = statuses.get(name);
        if (status != null) {
            return status;
        }
        switch (name) {
            case "cublasCreate_v2" -> out(args[0], 8).set(ADDRESS, 0, MemorySegment.ofAddress(HANDLE));
            case "cublasGetVersion_v2" -> out(args[1], 4).set(JAVA_INT, 0, 130100);
            case "cublasSetMathMode" -> mathMode = (int) args[1];
            case "cublasGetMathMode" -> out(args[1], 4).set(JAVA_INT, 0, mathMode);
            case "cublasSgemm_v2" -> gemm(args, false, 4);
            case "cublasDgemm_v2" -> gemm(args, true, 8);
            case "cublasGemmEx" -> {
                boolean dbl = (int) args[17] == ComputeType.COMPUTE_64F.code();
                lastAlpha = dbl ? out(args[6], 8).get(JAVA_DOUBLE, 0) : out(args[6], 4).get(JAVA_FLOAT, 0);
                lastBeta = dbl ? out(args[13], 8).get(JAVA_DOUBLE, 0) : out(args[13], 4).get(JAVA_FLOAT, 0);
            }
            default -> { }
        }
        return 0;
    }

    private static MemorySegment out(Object pointer, long bytes) {
        return ((MemorySegment) pointer).reinterpret(bytes);
    }

    /** Column-major C = alpha op(A) op(B) + beta C on host memory, as cuBLAS defines it. */
    private void gemm(Object[] a, boolean dbl, int size) {
        boolean ta = (int) a[1] != 0;
        boolean tb = (int) a[2] != 0;
        int m = (int) a[3];
        int n = (int) a[4];
        int k = (int) a[5];
        lastAlpha = dbl ? out(a[6], 8).get(JAVA_DOUBLE, 0) : out(a[6], 4).get(JAVA_FLOAT, 0);
        lastBeta = dbl ? out(a[11], 8).get(JAVA_DOUBLE, 0) : out(a[11], 4).get(JAVA_FLOAT, 0);
        int lda = (int) a[8];
        int ldb = (int) a[10];
        int ldc = (int) a[13];
        MemorySegment A = out(a[7], (long) lda * Math.max(ta ? m : k, 1) * size);
        MemorySegment B = out(a[9], (long) ldb * Math.max(tb ? k : n, 1) * size);
        MemorySegment C = out(a[12], (long) ldc * n * size);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    long ai = ta ? i * (long) lda + p : p * (long) lda + i;
                    long bi = tb ? p * (long) ldb + j : j * (long) ldb + p;
                    s += read(A, ai, dbl) * read(B, bi, dbl);
                }
                long ci = j * (long) ldc + i;
                double v = lastBeta == 0 ? lastAlpha * s : lastAlpha * s + lastBeta * read(C, ci, dbl);
                if (dbl) {
                    C.setAtIndex(JAVA_DOUBLE, ci, v);
                } else {
                    C.setAtIndex(JAVA_FLOAT, ci, (float) v);
                }
            }
        }
    }

    private static double read(MemorySegment s, long i, boolean dbl) {
        return dbl ? s.getAtIndex(JAVA_DOUBLE, i) : s.getAtIndex(JAVA_FLOAT, i);
    }
}
