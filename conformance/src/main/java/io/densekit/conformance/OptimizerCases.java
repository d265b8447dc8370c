package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;

/** SGD and Adam, three steps from the same start on both kernels, comparing every state tensor after each. */
public final class OptimizerCases {
    public static final String SGD = "sgd update";
    public static final String ADAM = "adam update";
    /** SGD settings with every branch of the update: plain, momentum, dampening, Nesterov, weight decay. */
    public static final SgdParams[] SGD_SETTINGS = {
        SgdParams.plain(0.05),
        new SgdParams(0.05, 0.9, 0, false, 0.01),
        new SgdParams(0.05, 0.9, 0.1, false, 0),
        new SgdParams(0.05, 0.9, 0, true, 0.01),
    };
    /** Adam with PyTorch's defaults, and with other betas and weight decay. */
    public static final AdamParams[] ADAM_SETTINGS = {AdamParams.defaults(1e-3), new AdamParams(0.01, 0.8, 0.99, 1e-6, 0.01)};
    private static final int STEPS = 3;

    private OptimizerCases() {
    }

    public static Case sgd(DType dt, SgdParams sp, int rows, int cols, long seed) {
        String what = "sgd(momentum=" + sp.momentum() + ", dampening=" + sp.dampening() + ", nesterov="
                + sp.nesterov() + ", weight_decay=" + sp.weightDecay() + ") " + rows + "x" + cols;
        return new Case(SGD, "sgd " + sp + " " + dt + " " + rows + "x" + cols, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor p = rnd.normalish(dt, rows, cols);
            HostTensor buf = HostTensor.zeros(dt, rows, cols);
            Tensor pK = up(kernel, p);
            Tensor bufK = kernel.allocate(dt, rows, cols);
            for (int step = 0; step < STEPS; step++) {
                HostTensor g = rnd.normalish(dt, rows, cols);
                reference.sgdUpdate(p, g, sp.hasMomentum() ? buf : null, sp, step == 0);
                kernel.sgdUpdate(pK, up(kernel, g), sp.hasMomentum() ? bufK : null, sp, step == 0);
                HostTensor scale = ErrorScales.absPlus(p, buf, 1);
                recorder.record(SGD, what + " step " + step + " param", Deviation.of(p, down(kernel, pK), scale),
                        Tolerance.elementwise(dt));
                if (sp.hasMomentum()) {
                    recorder.record(SGD, what + " step " + step + " momentum", Deviation.of(buf, down(kernel, bufK), scale),
                            Tolerance.elementwise(dt));
                }
            }
        });
    }

    public static Case adam(DType dt, AdamParams ap, int rows, int cols, long seed) {
        String what = "adam(lr=" + ap.lr() + ", betas=" + ap.beta1() + "/" + ap.beta2() + ", weight_decay="
                + ap.weightDecay() + ") " + rows + "x" + cols;
        return new Case(ADAM, "adam " + ap + " " + dt + " " + rows + "x" + cols, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor p = rnd.normalish(dt, rows, cols);
            HostTensor m = HostTensor.zeros(dt, rows, cols);
            HostTensor v = HostTensor.zeros(dt, rows, cols);
            Tensor pK = up(kernel, p);
            Tensor mK = kernel.allocate(dt, rows, cols);
            Tensor vK = kernel.allocate(dt, rows, cols);
            for (int step = 1; step <= STEPS; step++) {
                HostTensor g = rnd.normalish(dt, rows, cols);
                HostTensor pBefore = p.copy();
                reference.adamUpdate(p, g, m, v, ap, step);
                kernel.adamUpdate(pK, up(kernel, g), mK, vK, ap, step);
                HostTensor scale = ErrorScales.adamParam(ap, p, m, g, pBefore);
                String at = what + " step " + step;
                double tol = Tolerance.elementwise(dt);
                recorder.record(ADAM, at + " param", Deviation.of(p, down(kernel, pK), scale), tol);
                recorder.record(ADAM, at + " m", Deviation.of(m, down(kernel, mK), scale), tol);
                recorder.record(ADAM, at + " v", Deviation.of(v, down(kernel, vK),
                        ErrorScales.adamSecondMoment(ap, v, g, pBefore)), tol);
            }
        });
    }
}
