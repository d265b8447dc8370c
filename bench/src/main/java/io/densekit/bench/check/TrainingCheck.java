package io.densekit.bench.check;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.Sequential;
import io.densekit.optim.Sgd;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Map;

/**
 * The seed MLP trained for some SGD steps from the same start on the kernel and on the reference,
 * comparing the final weights. Each weight's error is taken relative to the largest magnitude in its
 * tensor (a weight that trained to about zero would otherwise divide by nothing).
 *
 * <p>float64 is held to {@link Tolerances#F64}. float32 runs that round differently drift apart by
 * an amount set by the problem's conditioning, not by a constant, so, as the PyTorch parity suite
 * does, the float32 run is compared with the reference's float64 run and must be about as accurate
 * as the reference's own float32 run: at most {@value #F32_ACCURACY_FACTOR} times its error plus
 * {@value #F32_FLOOR}.
 */
final class TrainingCheck implements OpCheck {
    static final String MODEL = "6,32:tanh,32:softmax,32:sigmoid,32:relu,3";
    static final double F32_ACCURACY_FACTOR = 4;
    static final double F32_FLOOR = 1e-6;
    private static final int BATCH = 333;
    private static final double LEARNING_RATE = 0.01;
    private final int steps;

    TrainingCheck(int steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("training steps must be positive, got " + steps);
        }
        this.steps = steps;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        DType dt = tally.dtype();
        HostTensor x = rnd.uniform(DType.F64, BATCH, 6, -2, 2);
        HostTensor y = rnd.uniform(DType.F64, BATCH, 3, -1, 1);
        String what = "seed MLP " + MODEL + ", batch " + BATCH + ", " + steps + " SGD steps";
        try {
            Map<String, HostTensor> truth = train(reference, DType.F64, x, y);
            Map<String, HostTensor> run = train(kernel, dt, x, y);
            double tolerance = Tolerances.F64;
            if (dt == DType.F32) {
                double referenceError = worst(train(reference, DType.F32, x, y), truth).error();
                tolerance = F32_ACCURACY_FACTOR * referenceError + F32_FLOOR;
            }
            for (Map.Entry<String, HostTensor> e : truth.entrySet()) {
                tally.record("training (weights)", what + ", " + e.getKey(),
                        Deviation.of(e.getValue(), run.get(e.getKey()), maxScale(e.getValue())), tolerance);
            }
        } catch (RuntimeException e) {
            tally.failed("training (weights)", what, e);
        }
    }

    private Map<String, HostTensor> train(Kernel kernel, DType dt, HostTensor x, HostTensor y) {
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

    private static Deviation worst(Map<String, HostTensor> run, Map<String, HostTensor> truth) {
        Deviation worst = new Deviation(0, "");
        for (Map.Entry<String, HostTensor> e : truth.entrySet()) {
            Deviation d = Deviation.of(e.getValue(), run.get(e.getKey()), maxScale(e.getValue()));
            if (!(d.error() <= worst.error())) {
                worst = d;
            }
        }
        return worst;
    }

    /** Every element's scale is the largest magnitude in the tensor. */
    private static HostTensor maxScale(HostTensor t) {
        double max = 0;
        for (int i = 0; i < t.size(); i++) {
            max = Math.max(max, Math.abs(t.getFlat(i)));
        }
        HostTensor s = HostTensor.zeros(DType.F64, t.rows(), t.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, max);
        }
        return s;
    }
}
