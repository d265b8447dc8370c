package io.densekit.nativelib.cblas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.ThreadMXBean;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once C2 has compiled it, a GEMM on whole arrays (every offset 0, as in a training step) allocates
 * nothing: the heap segments that wrap the arrays are scalar-replaced because the downcall handle is
 * a constant (see {@link CblasDowncalls}). Before, each call allocated 200-340 bytes of segments.
 * Calls with offsets are made first, so that the compiled code holds the slicing path too and the
 * test shows that path does not make the whole-array segments escape. Those calls themselves are
 * not measured: whether their slices are removed depends on profiles the whole JVM shares.
 *
 * <p>Counts calls, not time: C2 compiles in the background, so the test makes rounds of calls until
 * one allocates nothing, within a budget of calls far above what compilation needs (about 50 000
 * calls on the development machine). Skipped where the library is missing, C2 or escape analysis is
 * off, or the JVM cannot count a thread's allocation.
 */
class CblasAllocationTest {
    private static final int CALLS_PER_ROUND = 10_000;
    private static final int MAX_ROUNDS = 300;
    private static final int N = 4;

    private static Cblas cblas;
    private static ThreadMXBean threads;

    @BeforeAll
    static void bind() {
        LibraryLookupResult lib = NativeLibraries.system().cblas();
        assumeTrue(lib.found(), () -> "no CBLAS library here: " + lib.reason());
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue(vm != null, "not a HotSpot JVM");
        assumeTrue(flag(vm, "UseCompiler") && flag(vm, "DoEscapeAnalysis"), "JIT or escape analysis is off");
        assumeTrue(!flag(vm, "TieredCompilation") || "4".equals(vm.getVMOption("TieredStopAtLevel").getValue()),
                "C2 is off (TieredStopAtLevel below 4)");
        threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting unavailable");
        cblas = Cblas.bind(lib);
    }

    private static boolean flag(HotSpotDiagnosticMXBean vm, String name) {
        return Boolean.parseBoolean(vm.getVMOption(name).getValue());
    }

    @Test
    void compiledSgemmOnWholeArraysAllocatesNothing() {
        float[] a = new float[N * N];
        float[] other = new float[N * N];
        float[] b = new float[N * N];
        float[] c = new float[N * N + 1];
        for (int i = 0; i < CALLS_PER_ROUND; i++) {
            cblas.sgemm(false, (i & 2) == 0, N, N, N, 1f, a, 0, N, b, 0, N, 0f, c, 1, N);
        }
        assertThat(roundsUntilNoAllocation(i -> cblas.sgemm(false, (i & 2) == 0, N, N, N, 1f,
                (i & 1) == 0 ? a : other, 0, N, b, 0, N, 0f, c, 0, N)))
                .as("rounds of %d sgemm calls until one allocated nothing", CALLS_PER_ROUND)
                .isLessThan(MAX_ROUNDS);
    }

    @Test
    void compiledDgemmOnWholeArraysAllocatesNothing() {
        double[] a = new double[N * N + 1];
        double[] other = new double[N * N];
        double[] b = new double[N * N];
        double[] c = new double[N * N];
        for (int i = 0; i < CALLS_PER_ROUND; i++) {
            cblas.dgemm((i & 2) == 0, false, N, N, N, 1.0, a, 1, N, b, 0, N, 0.5, c, 0, N);
        }
        assertThat(roundsUntilNoAllocation(i -> cblas.dgemm((i & 2) == 0, false, N, N, N, 1.0,
                (i & 1) == 0 ? a : other, 0, N, b, 0, N, 0.5, c, 0, N)))
                .as("rounds of %d dgemm calls until one allocated nothing", CALLS_PER_ROUND)
                .isLessThan(MAX_ROUNDS);
    }

    /** The number of the first round whose calls allocated no byte, or {@link #MAX_ROUNDS} if none did. */
    private static int roundsUntilNoAllocation(Call call) {
        long thread = Thread.currentThread().threadId();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                call.run(i);
            }
            if (threads.getThreadAllocatedBytes(thread) == before) {
                return round;
            }
        }
        return MAX_ROUNDS;
    }

    /** One GEMM call; the index varies the operands, so the compiled code cannot assume them fixed. */
    @FunctionalInterface
    private interface Call {
        void run(int i);
    }
}
