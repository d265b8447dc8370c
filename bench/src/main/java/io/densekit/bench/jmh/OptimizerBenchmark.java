package io.densekit.bench.jmh;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;
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
 * One optimizer step over every parameter of a model: {@code all} is the multi-tensor update the
 * optimizers call ({@code sgdUpdateAll} / {@code adamUpdateAll}: one launch on cuda, split over the
 * threads on simd), {@code perTensor} the same update one tensor at a time, its baseline. SGD has
 * momentum 0.9. The figure is GB/s of the least traffic: SGD reads parameter, gradient and momentum
 * and writes two of them (5 arrays), Adam reads four and writes three (7 arrays).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OptimizerBenchmark {
    static final String NETWORK = "network";
    static final String OPTIMIZER = "optimizer";

    @Param({"reference", "simd", "blas", "cuda"})
    public String kernel;

    @Param({"f32", "f64"})
    public String dtype;

    @Param({"sgd", "adam"})
    public String optimizer;

    /** The parameters of 784-128-64-10 (109 386) or of 1024-1024-1024-10 (2 109 450). */
    @Param({"mnist", "wide"})
    public String network;

    private Kernel k;
    private Tensor[] params;
    private Tensor[] grads;
    private Tensor[] state0;
    private Tensor[] state1;
    private final SgdParams sgd = new SgdParams(0.01, 0.9, 0, false, 0);
    private final AdamParams adam = AdamParams.defaults(0.001);

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernel.open(kernel);
        int[][] shapes = shapes(network);
        Operands o = new Operands(k, DType.parse(dtype), 6);
        params = new Tensor[shapes.length];
        grads = new Tensor[shapes.length];
        state0 = new Tensor[shapes.length];
        state1 = new Tensor[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            params[i] = o.uniform(0.1, shapes[i]);
            grads[i] = o.uniform(0.01, shapes[i]);
            state0[i] = o.zeros(shapes[i]);
            state1[i] = o.zeros(shapes[i]);
        }
        k.synchronize();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (Tensor[] ts : new Tensor[][] {params, grads, state0, state1}) {
            for (Tensor t : ts) {
                t.close();
            }
        }
    }

    @Benchmark
    public void all() {
        if (optimizer.equals("adam")) {
            k.adamUpdateAll(params.length, params, grads, state0, state1, adam, 5);
        } else {
            k.sgdUpdateAll(params.length, params, grads, state0, sgd, false);
        }
        k.synchronize();
    }

    @Benchmark
    public void perTensor() {
        for (int i = 0; i < params.length; i++) {
            if (optimizer.equals("adam")) {
                k.adamUpdate(params[i], grads[i], state0[i], state1[i], adam, 5);
            } else {
                k.sgdUpdate(params[i], grads[i], state0[i], sgd, false);
            }
        }
        k.synchronize();
    }

    /** Weight and bias shapes, layer by layer, as nn.Linear keeps them. */
    static int[][] shapes(String network) {
        int[] widths = switch (network) {
            case "mnist" -> new int[] {784, 128, 64, 10};
            case "wide" -> new int[] {1024, 1024, 1024, 10};
            default -> throw new IllegalArgumentException("network must be mnist or wide; got '" + network + "'");
        };
        int[][] s = new int[2 * (widths.length - 1)][];
        for (int l = 0; l + 1 < widths.length; l++) {
            s[2 * l] = new int[] {widths[l + 1], widths[l]};
            s[2 * l + 1] = new int[] {widths[l + 1]};
        }
        return s;
    }

    static Work work(String method, Map<String, String> params) {
        long n = 0;
        for (int[] s : shapes(params.get(NETWORK))) {
            n += s.length == 2 ? (long) s[0] * s[1] : s[0];
        }
        int arrays = "adam".equals(params.get(OPTIMIZER)) ? 7 : 5;
        return Work.bytes((double) arrays * n * DType.parse(params.get("dtype")).byteSize());
    }
}
