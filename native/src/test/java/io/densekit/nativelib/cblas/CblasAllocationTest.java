package io.densekit.nativelib.cblas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A GEMM on heap arrays hands the arrays to CBLAS in place: what a call allocates on the Java heap
 * is a few small segment wrappers, never a copy of an operand. The bound holds in the interpreter
 * and in compiled code alike (compiled, C2 usually removes even the wrappers: that zero is measured
 * by {@code io.densekit.bench.jmh.cblas.CblasAllocationBenchmark} with {@code -prof gc}, since
 * whether and when C2 does it depends on the JIT, not on this code). Interpreted, a call allocates
 * about 600 bytes; the operands are 16 KiB (float) and 32 KiB (double), so a copy of any of them
 * would exceed the bound at least four times over.
 */
class CblasAllocationTest {
    private static final int N = 64;
    private static final int CALLS = 200;
    /** Bytes per call: room for the segment wrappers (larger without compressed oops), a quarter of one operand. */
    private static final long BOUND_PER_CALL = 4096;

    private static Cblas cblas;
    private static ThreadMXBean threads;

    @BeforeAll
    static void bind() {
        LibraryLookupResult lib = NativeLibraries.system().cblas();
        assumeTrue(lib.found(), () -> "no CBLAS library here: " + lib.reason());
        threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting unavailable");
        cblas = Cblas.bind(lib);
    }

    @Test
    void sgemmDoesNotCopyItsOperands() {
        float[] a = new float[N * N];
        float[] b = new float[N * N];
        float[] c = new float[N * N + 1];
        assertThat(bytesPerCall(i -> cblas.sgemm(false, (i & 1) == 0, N, N, N, 1f, a, 0, N, b, 0, N, 0f, c, i & 1, N)))
                .as("bytes allocated per sgemm of %d x %d operands", N, N)
                .isLessThan(BOUND_PER_CALL);
    }

    @Test
    void dgemmDoesNotCopyItsOperands() {
        double[] a = new double[N * N + 1];
        double[] b = new double[N * N];
        double[] c = new double[N * N];
        assertThat(bytesPerCall(i -> cblas.dgemm((i & 1) == 0, false, N, N, N, 1.0, a, i & 1, N, b, 0, N, 0.5, c, 0, N)))
                .as("bytes allocated per dgemm of %d x %d operands", N, N)
                .isLessThan(BOUND_PER_CALL);
    }

    /** The mean heap allocation of one call, after one call that links the downcalls and loads classes. */
    private static long bytesPerCall(Call call) {
        call.run(0);
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < CALLS; i++) {
            call.run(i);
        }
        return (threads.getThreadAllocatedBytes(thread) - before) / CALLS;
    }

    /** One GEMM call; the index alternates transposes and offsets, so both paths are measured. */
    @FunctionalInterface
    private interface Call {
        void run(int i);
    }
}
