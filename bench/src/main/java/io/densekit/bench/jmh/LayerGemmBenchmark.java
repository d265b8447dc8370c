package io.densekit.bench.jmh;

import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Workload;
import io.densekit.kernel.Kernel;
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
 * The three GEMMs of a dense layer 784 -> 128 at batch 512, in the transpose variants backpropagation
 * uses (numpy's equivalents in {@code bench/scripts/numpy_gemm.py}); each is 2 * 512 * 784 * 128 flops:
 * forward {@code X W^T} ([512,784] x [128,784]^T), weight gradient {@code dZ^T X} ([512,128]^T x
 * [512,784]) and input gradient {@code dZ W} ([512,128] x [128,784]).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LayerGemmBenchmark {
    static final GemmWorkload FORWARD = GemmWorkload.layer().get(0);
    static final GemmWorkload WEIGHT_GRAD = GemmWorkload.layer().get(1);
    static final GemmWorkload INPUT_GRAD = GemmWorkload.layer().get(2);

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    private Workload.Prepared forward;
    private Workload.Prepared weightGrad;
    private Workload.Prepared inputGrad;

    @Setup(Level.Trial)
    public void setUp() {
        Kernel k = BenchKernel.open(kernel);
        DType dt = DType.parse(dtype);
        forward = FORWARD.prepare(k, dt);
        weightGrad = WEIGHT_GRAD.prepare(k, dt);
        inputGrad = INPUT_GRAD.prepare(k, dt);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        forward.close();
        weightGrad.close();
        inputGrad.close();
    }

    @Benchmark
    public void forwardXWt() {
        forward.run();
    }

    @Benchmark
    public void weightGradDzTX() {
        weightGrad.run();
    }

    @Benchmark
    public void inputGradDzW() {
        inputGrad.run();
    }

    static Work work(String method, Map<String, String> params) {
        return Work.flops(FORWARD.flops());
    }
}
