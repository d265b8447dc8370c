package io.densekit.kernel.cuda.bench;

import io.densekit.data.Dataset;
import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.FitOptions;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small benchmark of a kernel (by default the GPU's) until the JMH suite and {@code densekit bench}
 * cover it: GEMM throughput and the time of a training step through the real trainer (batch upload,
 * forward, loss read back, backward, SGD update). Its output lines match those of
 * kernels-cuda/scripts/torch_bench.py, which measures PyTorch on the same device, so the two can be
 * put side by side (see docs/gpu.md). Reports the median of the repetitions, after warm-up.
 *
 * <pre>
 *   GpuBench [--kernel cuda] [--reps 10] gemm N f32|f64
 *   GpuBench [--kernel cuda] [--reps 10] [--shuffle] [--epochs 1] step SPEC BATCH STEPS f32|f64
 *   GpuBench [--kernel cuda] [--reps 10] launch N CALLS   (host cost of one queued GEMM / kernel on N x N)
 *   GpuBench [--kernel cuda] [--reps 10] all      (the standard figures: GEMM 4096 and the three steps)
 * </pre>
 *
 * <p>A step's data set is STEPS batches; with {@code --epochs E} each fit walks it E times, and a
 * device kernel may then keep it in its memory (resident data), which one-epoch fits never do.
 */
public final class GpuBench {
    private final Kernel kernel;
    private final int reps;
    private final PrintStream out;
    private final boolean shuffle;
    private final int epochs;

    GpuBench(Kernel kernel, int reps, PrintStream out) {
        this(kernel, reps, out, false, 1);
    }

    /**
     * With {@code shuffle}, each epoch's batches are gathered in a seeded random order; each fit of
     * a step benchmark runs {@code epochs} epochs.
     */
    GpuBench(Kernel kernel, int reps, PrintStream out, boolean shuffle, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        this.kernel = kernel;
        this.reps = reps;
        this.out = out;
        this.shuffle = shuffle;
        this.epochs = epochs;
    }

    public static void main(String[] args) {
        run(args, System.out);
    }

    static void run(String[] args, PrintStream out) {
        String kernelName = "cuda";
        int reps = 10;
        boolean shuffle = false;
        int epochs = 1;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            switch (args[i]) {
                case "--kernel" -> kernelName = args[++i];
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--shuffle" -> shuffle = true;
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
            i++;
        }
        String[] rest = Arrays.copyOfRange(args, i, args.length);
        if (rest.length == 0) {
            throw new IllegalArgumentException("usage: GpuBench [--kernel cuda] [--reps 10] gemm N DTYPE | step SPEC BATCH STEPS DTYPE | all");
        }
        Kernel kernel = Kernels.byName(kernelName);
        out.printf(Locale.ROOT, "# kernel %s on %s: %s%n", kernel.name(), kernel.device(), kernel.details());
        GpuBench bench = new GpuBench(kernel, reps, out, shuffle, epochs);
        switch (rest[0]) {
            case "gemm" -> bench.gemm(Integer.parseInt(rest[1]), DType.parse(rest[2]));
            case "step" -> bench.step(rest[1], Integer.parseInt(rest[2]), Integer.parseInt(rest[3]), DType.parse(rest[4]));
            case "launch" -> bench.launch(Integer.parseInt(rest[1]), Integer.parseInt(rest[2]));
            case "all" -> {
                bench.gemm(4096, DType.F32);
                bench.gemm(4096, DType.F64);
                bench.step("1024,1024:relu,1024:relu,10", 4096, 50, DType.F32);
                bench.step("6,32:tanh,32:softmax,32:sigmoid,32:relu,3", 333, 500, DType.F32);
                bench.step("784,128:relu,64:relu,10", 512, 500, DType.F32);
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + rest[0]
                    + "; expected gemm, step, launch or all");
        }
    }

    /** c = a b for n x n matrices; TFLOP/s from 2 n^3 per product. */
    void gemm(int n, DType dtype) {
        SplittableRandom r = new SplittableRandom(1);
        Tensor a = kernel.upload(random(dtype, n, n, r));
        Tensor b = kernel.upload(random(dtype, n, n, r));
        Tensor c = kernel.allocate(dtype, n, n);
        int inner = Math.max(1, (int) Math.min(50, 2e11 / (2.0 * n * n * n)));
        double[] seconds = new double[reps];
        for (int rep = -2; rep < reps; rep++) { // two warm-up rounds
            kernel.synchronize();
            long t0 = System.nanoTime();
            for (int k = 0; k < inner; k++) {
                kernel.gemm(false, false, 1.0, a, b, 0.0, c);
            }
            kernel.synchronize();
            if (rep >= 0) {
                seconds[rep] = (System.nanoTime() - t0) / 1e9 / inner;
            }
        }
        double median = median(seconds);
        out.printf(Locale.ROOT, "densekit gemm %s n=%d: %.3f ms, %.1f TFLOP/s%n", dtype, n, median * 1e3,
                2.0 * n * n * n / median / 1e12);
        a.close();
        b.close();
        c.close();
    }

    /** Time per training step (SGD, cross-entropy on class indices) through the trainer. */
    void step(String spec, int batch, int steps, DType dtype) {
        SplittableRandom r = new SplittableRandom(2);
        try (Sequential model = Sequential.of(spec, kernel, dtype, 3)) {
            int n = batch * steps;
            HostTensor x = random(dtype, n, model.inputWidth(), r);
            HostTensor y = HostTensor.zeros(dtype, n, 1);
            for (int i = 0; i < n; i++) {
                y.setFlat(i, r.nextInt(model.outputWidth()));
            }
            FitOptions o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(epochs).batch(batch)
                    .optimizer(OptimizerSpec.sgd(0.01)).shuffle(shuffle, 4).build();
            Dataset data = new Dataset(x, y);
            Trainer t = new Trainer(model);
            double[] perStep = new double[reps];
            for (int rep = -1; rep < reps; rep++) { // one warm-up epoch
                long t0 = System.nanoTime();
                t.fit(data, o);
                kernel.synchronize();
                if (rep >= 0) {
                    perStep[rep] = (System.nanoTime() - t0) / 1e9 / ((double) steps * epochs);
                }
            }
            out.printf(Locale.ROOT, "densekit step %s %s batch=%d%s%s: %.1f us/step%n", spec, dtype, batch,
                    shuffle ? " shuffled" : "", epochs > 1 ? " epochs=" + epochs : "", median(perStep) * 1e6);
        }
    }

    /**
     * What one queued operation costs the host, the figure that decides how launch-bound small
     * models are: {@code calls} small f32 GEMMs (cuBLAS on cuda) back to back, then as many
     * element-wise kernels (a tanh). "queued" is the host's time per call until the last call
     * returned (a full launch queue makes the driver wait, which then counts too); "done" includes
     * waiting for the device.
     */
    void launch(int n, int calls) {
        SplittableRandom r = new SplittableRandom(5);
        try (Tensor a = kernel.upload(random(DType.F32, n, n, r));
             Tensor b = kernel.upload(random(DType.F32, n, n, r));
             Tensor c = kernel.allocate(DType.F32, n, n)) {
            timeCalls("gemm", n, calls, () -> kernel.gemm(false, false, 1.0, a, b, 0.0, c));
            timeCalls("activation", n, calls, () -> kernel.activationForward(Activation.TANH, a, c));
        }
    }

    private void timeCalls(String what, int n, int calls, Runnable op) {
        double[] queued = new double[reps];
        double[] done = new double[reps];
        for (int rep = -1; rep < reps; rep++) { // one warm-up round
            kernel.synchronize();
            long t0 = System.nanoTime();
            for (int k = 0; k < calls; k++) {
                op.run();
            }
            long t1 = System.nanoTime();
            kernel.synchronize();
            long t2 = System.nanoTime();
            if (rep >= 0) {
                queued[rep] = (t1 - t0) / 1e3 / calls;
                done[rep] = (t2 - t0) / 1e3 / calls;
            }
        }
        out.printf(Locale.ROOT, "densekit launch %s n=%d: %.2f us/call queued, %.2f us/call done%n", what, n,
                median(queued), median(done));
    }

    static HostTensor random(DType dtype, int rows, int cols, SplittableRandom r) {
        HostTensor h = HostTensor.zeros(dtype, rows, cols);
        for (int i = 0; i < h.size(); i++) {
            h.setFlat(i, r.nextDouble(-1, 1));
        }
        return h;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
