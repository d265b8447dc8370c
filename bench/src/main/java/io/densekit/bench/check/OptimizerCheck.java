package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** SGD (plain, momentum, dampening, Nesterov, weight decay) and Adam, three steps each on random shapes. */
final class OptimizerCheck implements OpCheck {
    private static final SgdParams[] SGD = {
        SgdParams.plain(0.05),
        new SgdParams(0.05, 0.9, 0, false, 0.01),
        new SgdParams(0.05, 0.9, 0.1, false, 0),
        new SgdParams(0.05, 0.9, 0, true, 0.01),
    };
    private static final AdamParams[] ADAM = {AdamParams.defaults(1e-3), new AdamParams(0.01, 0.8, 0.99, 1e-6, 0.01)};
    private static final int STEPS = 3;
    private final int maxSize;

    OptimizerCheck(int maxSize) {
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        for (SgdParams sp : SGD) {
            String what = "sgd(momentum=" + sp.momentum() + ", dampening=" + sp.dampening() + ", nesterov="
                    + sp.nesterov() + ", weight_decay=" + sp.weightDecay() + ")";
            try {
                sgd(reference, kernel, rnd, tally, sp, what);
            } catch (RuntimeException e) {
                tally.failed("sgd update", what, e);
            }
        }
        for (AdamParams ap : ADAM) {
            String what = "adam(lr=" + ap.lr() + ", betas=" + ap.beta1() + "/" + ap.beta2() + ")";
            try {
                adam(reference, kernel, rnd, tally, ap, what);
            } catch (RuntimeException e) {
                tally.failed("adam update", what, e);
            }
        }
    }

    private void sgd(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally, SgdParams sp, String what) {
        DType dt = tally.dtype();
        int rows = rnd.size(maxSize);
        int cols = rnd.size(maxSize);
        HostTensor p = rnd.normalish(dt, rows, cols);
        HostTensor buf = HostTensor.zeros(dt, rows, cols);
        Tensor pK = up(kernel, p);
        Tensor bufK = kernel.allocate(dt, rows, cols);
        for (int step = 0; step < STEPS; step++) {
            HostTensor g = rnd.normalish(dt, rows, cols);
            reference.sgdUpdate(p, g, sp.hasMomentum() ? buf : null, sp, step == 0);
            kernel.sgdUpdate(pK, up(kernel, g), sp.hasMomentum() ? bufK : null, sp, step == 0);
            HostTensor scale = ErrorScales.absPlus(p, buf, 1);
            String at = what + " " + rows + "x" + cols + " step " + step;
            tally.record("sgd update", at + " param", Deviation.of(p, down(kernel, pK), scale), Tolerances.elementwise(dt));
            if (sp.hasMomentum()) {
                tally.record("sgd update", at + " momentum", Deviation.of(buf, down(kernel, bufK), scale),
                        Tolerances.elementwise(dt));
            }
        }
    }

    private void adam(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally, AdamParams ap, String what) {
        DType dt = tally.dtype();
        int rows = rnd.size(maxSize);
        int cols = rnd.size(maxSize);
        HostTensor p = rnd.normalish(dt, rows, cols);
        HostTensor m = HostTensor.zeros(dt, rows, cols);
        HostTensor v = HostTensor.zeros(dt, rows, cols);
        Tensor pK = up(kernel, p);
        Tensor mK = kernel.allocate(dt, rows, cols);
        Tensor vK = kernel.allocate(dt, rows, cols);
        for (int step = 1; step <= STEPS; step++) {
            HostTensor g = rnd.normalish(dt, rows, cols);
            HostTensor vScale = adamMomentScale(ap, g, p, v);
            reference.adamUpdate(p, g, m, v, ap, step);
            kernel.adamUpdate(pK, up(kernel, g), mK, vK, ap, step);
            HostTensor scale = ErrorScales.absPlus(p, m, ap.lr() * 10);
            String at = what + " " + rows + "x" + cols + " step " + step;
            tally.record("adam update", at + " param", Deviation.of(p, down(kernel, pK), scale), Tolerances.elementwise(dt));
            tally.record("adam update", at + " m", Deviation.of(m, down(kernel, mK), scale), Tolerances.elementwise(dt));
            tally.record("adam update", at + " v", Deviation.of(v, down(kernel, vK), vScale), Tolerances.elementwise(dt));
        }
    }

    /**
     * The scale of {@code v = beta2 v + (1 - beta2) g^2} with {@code g = grad + weightDecay p}: the
     * terms' magnitudes, not |v|. Where grad and the decay term nearly cancel, g carries the rounding
     * of both, so |v| alone would call a correctly rounding float32 kernel wrong.
     */
    private static HostTensor adamMomentScale(AdamParams ap, HostTensor grad, HostTensor p, HostTensor v) {
        HostTensor s = HostTensor.zeros(DType.F64, grad.rows(), grad.cols());
        for (int i = 0; i < s.size(); i++) {
            double g = Math.abs(grad.getFlat(i)) + ap.weightDecay() * Math.abs(p.getFlat(i));
            s.setFlat(i, ap.beta2() * Math.abs(v.getFlat(i)) + (1 - ap.beta2()) * g * g);
        }
        return s;
    }
}
