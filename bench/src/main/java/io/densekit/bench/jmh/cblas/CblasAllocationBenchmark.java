package io.densekit.bench.jmh.cblas;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.cblas.Cblas;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a CBLAS GEMM on whole heap arrays (every offset 0, as in a training step) allocates once C2
 * has compiled it: the target is 0 B/op ({@code gc.alloc.rate.norm} with {@code -prof gc}), the heap
 * segments wrapping the arrays scalar-replaced because the downcall handle is a constant. With
 * {@code offset=1} an operand is sliced, and whether C2 removes those segments depends on the
 * profiles it gathered. Run with
 * {@code java -cp bench/target/densekit.jar org.openjdk.jmh.Main CblasAllocationBenchmark -prof gc}.
 * The test suite checks only what holds under any JIT: no call copies an operand.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class CblasAllocationBenchmark {
    private static final int N = 4;

    /** 0: whole arrays (the target is 0 B/op); 1: an operand at an offset, the slicing path. */
    @Param({"0", "1"})
    public int offset;

    private Cblas cblas;
    private final float[] fa = new float[N * N];
    private final float[] fb = new float[N * N];
    private final float[] fc = new float[N * N + 1];
    private final double[] da = new double[N * N + 1];
    private final double[] db = new double[N * N];
    private final double[] dc = new double[N * N];

    @Setup
    public void bind() {
        LibraryLookupResult lib = NativeLibraries.system().cblas();
        if (!lib.found()) {
            throw new IllegalStateException("no CBLAS library here: " + lib.reason());
        }
        cblas = Cblas.bind(lib);
    }

    /** {@code c = a b^T}, c at {@link #offset}. */
    @Benchmark
    public float[] sgemm() {
        cblas.sgemm(false, true, N, N, N, 1f, fa, 0, N, fb, 0, N, 0f, fc, offset, N);
        return fc;
    }

    /** {@code c = a^T b + c / 2}, a at {@link #offset}. */
    @Benchmark
    public double[] dgemm() {
        cblas.dgemm(true, false, N, N, N, 1.0, da, offset, N, db, 0, N, 0.5, dc, 0, N);
        return dc;
    }
}
