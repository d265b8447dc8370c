package io.densekit.bench.jmh;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.peers.OpenBlasPeer;
import io.densekit.bench.peers.PeerThreads;
import io.densekit.bench.peers.TimedCase;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.tensor.DType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SquareGemmBenchmark}'s case on OpenBLAS 0.3.31 from {@code org.bytedeco:openblas}, inside
 * the JVM: the GEMM peer of the kernels' figures, with the kernels' thread count
 * ({@link PeerThreads}). A class of its own because the kernel plan fills {@code kernel} parameters
 * from the registry. Where the library cannot load, the trial fails with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OpenBlasGemmBenchmark {
    @Param({"f32", "f64"})
    public String dtype;

    @Param({"64", "128", "256", "512", "1024", "2048", "4096"})
    public int size;

    private TimedCase gemm;

    @Setup(Level.Trial)
    public void setUp() {
        LibraryLookupResult lib = NativeLibraries.system().bytedecoOpenBlas();
        OpenBlasPeer peer = OpenBlasPeer.bind(lib, PeerThreads.ofKernels());
        System.out.println("peer: " + peer.configuration());
        gemm = peer.prepare(GemmWorkload.square(size), DType.parse(dtype));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gemm.close();
    }

    @Benchmark
    public long gemm() {
        return gemm.run(1);
    }

    static Work work(String method, Map<String, String> params) {
        return SquareGemmBenchmark.work(method, params);
    }
}
