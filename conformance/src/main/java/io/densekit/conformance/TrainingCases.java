package io.densekit.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.Sequential;
import io.densekit.optim.Sgd;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.Map;

/**
 * The seed MLP trained for some SGD steps from the same start on the kernel and on the reference,
 * comparing the final weights. Each weight's error is taken relative to the largest magnitude in its
 * tensor (a weight that trained to about zero would otherwise divide by nothing).
 *
 * <p>float64 is held to {@link Tolerance#F64}. float32 runs that round differently drift apart by
 * an amount set by the problem's conditioning, not by a constant, so, as the PyTorch parity suite
 * does, the float32 run is compared with the reference's float64 run and must be about as accurate
 * as the reference's own float32 run: at most {@value #F32_ACCURACY_FACTOR} times its error plus
 * {@value #F32_FLOOR}.
 */
public final class TrainingCases {
    public static final String OP = "training (weights)";
    public static final String MODEL = "6,32:tanh,32:softmax,32:sigmoid,32:relu,3";
    static final double F32_ACCURACY_FACTOR = 4;
    static final double F32_FLOOR = 1e-6;
    private static final int BATCH = 333;
    private static final double LEARNING_RATE = 0.01;

    private TrainingCases() {
    }

    public static Case of(DType dt, int steps, long seed) {
        if (steps <= 0) {
            throw new IllegalArgumentException("training steps must be positive, got " + steps);
        }
        String what = "seed MLP " + MODEL + ", batch " + BATCH + ", " + steps + " SGD steps";
        return new Case(OP, "training " + dt + " " + what, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor x = rnd.uniform(DType.F64, BATCH, 6, -2, 2);
            HostTensor y = rnd.uniform(DType.F64, BATCH, 3, -1, 1);
            Map<String, HostTensor> truth = train(reference, DType.F64, x, y, steps);
            Map<String, HostTensor> run = train(kernel, dt, x, y, steps);
            double tolerance = Tolerance.F64;
            if (dt == DType.F32) {
                double referenceError = worst(train(reference, DType.F32, x, y, steps), truth);
                tolerance = F32_ACCURACY_FACTOR * referenceError + F32_FLOOR;
            }
            for (Map.Entry<String, HostTensor> e : truth.entrySet()) {
                recorder.record(OP, what + ", " + e.getKey(), Deviation.of(e.getValue(), run.get(e.getKey()),
                        ErrorScales.largest(e.getValue())), tolerance);
            }
        });
    }

    private static Map<String, HostTensor> train(Kernel kernel, DType dt, HostTensor x, HostTensor y, int steps) {
        try (Sequential m = Sequential.of(MODEL, kernel, dt, 7);
             Sgd sgd = new Sgd(kernel, SgdParams.plain(LEARNING_RATE));
             Tensor xs = kernel.upload(x.to(dt));
             Tensor ys = kernel.upload(y.to(dt));
             Tensor grad = kernel.allocate(dt, BATCH, 3)) {
            for (int s = 0; s < steps; s++) {
                Tensor out = m.forward(xs);
                kernel.lossGradient(LossKind.MSE, out, ys, grad);
                m.backward(grad);
                sgd.step(m.parameters());
            }
            kernel.synchronize();
            return m.state().export();
        }
    }

    /** The largest error of any weight of {@code run} against {@code truth}. */
    private static double worst(Map<String, HostTensor> run, Map<String, HostTensor> truth) {
        double worst = 0;
        for (Map.Entry<String, HostTensor> e : truth.entrySet()) {
            double d = Deviation.of(e.getValue(), run.get(e.getKey()), ErrorScales.largest(e.getValue())).error();
            worst = Math.max(worst, d);
        }
        return worst;
    }
}
