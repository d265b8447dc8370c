package io.densekit.bench.jmh;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
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
 * One float32 SGD training step (forward, loss, backward, update) of the two benchmark networks,
 * as {@code bench/scripts/torch_train_step.py} times PyTorch:
 * <ul>
 *   <li>{@code mnist}: 784-128:relu-64:relu-10, cross-entropy on class indices, batch 512;</li>
 *   <li>{@code seed}: 6-32:tanh-32:softmax-32:sigmoid-32:relu-3, MSE, batch 333.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingStepBenchmark {
    @Param({"mnist", "seed"})
    public String model;

    @Param({"simd"})
    public String kernel;

    @Param({"2"})
    public int threads;

    private Kernel k;
    private KernelMlp mlp;

    @Setup(Level.Trial)
    public void setUp() {
        k = BenchKernels.create(kernel, threads);
        mlp = switch (model) {
            case "mnist" -> new KernelMlp(k, DType.F32, 512, new int[] {784, 128, 64, 10},
                    new Activation[] {Activation.RELU, Activation.RELU, Activation.IDENTITY}, LossKind.CROSS_ENTROPY, 1);
            case "seed" -> new KernelMlp(k, DType.F32, 333, new int[] {6, 32, 32, 32, 32, 3},
                    new Activation[] {Activation.TANH, Activation.SOFTMAX, Activation.SIGMOID, Activation.RELU,
                        Activation.IDENTITY}, LossKind.MSE, 1);
            default -> throw new IllegalArgumentException("unknown model " + model + "; expected mnist or seed");
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        k.close();
    }

    @Benchmark
    public double step() {
        return mlp.step();
    }
}
