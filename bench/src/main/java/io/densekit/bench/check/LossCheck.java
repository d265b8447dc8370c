package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** Every loss, its gradient and countCorrect, with dense targets and (where allowed) class indices. */
final class LossCheck implements OpCheck {
    private final int shapes;
    private final int maxSize;

    LossCheck(int shapes, int maxSize) {
        this.shapes = shapes;
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        for (LossKind kind : LossKind.values()) {
            for (int s = 0; s < shapes; s++) {
                int rows = rnd.size(maxSize);
                int cols = rnd.size(Math.min(maxSize, 40));
                boolean indices = kind.acceptsClassIndices() && cols > 1 && rnd.coin();
                String what = kind.cliName() + (indices ? " indices " : " dense ") + rows + "x" + cols;
                try {
                    check(reference, kernel, rnd, tally, kind, indices, rows, cols, what);
                } catch (RuntimeException e) {
                    tally.failed("loss", what, e);
                }
            }
        }
    }

    private static void check(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally, LossKind kind,
                              boolean indices, int rows, int cols, String what) {
        DType dt = tally.dtype();
        HostTensor pred = switch (kind) {
            case BCE -> rnd.uniform(dt, rows, cols, 0.01, 0.99);
            case NLL -> log(rnd.probabilities(dt, rows, cols));
            default -> rnd.normalish(dt, rows, cols);
        };
        HostTensor target = indices ? rnd.classIndices(dt, rows, cols) : switch (kind) {
            case BCE -> rnd.uniform(dt, rows, cols, 0, 1);
            case CROSS_ENTROPY, NLL -> rnd.probabilities(dt, rows, cols);
            default -> rnd.normalish(dt, rows, cols);
        };
        double expected = reference.loss(kind, pred, target);
        double actual = kernel.loss(kind, up(kernel, pred), up(kernel, target));
        tally.record("loss", what, Deviation.scalar(expected, actual, scale(kind, pred, target)),
                Tolerances.mixed(dt, rows * cols + cols));

        HostTensor grad = HostTensor.zeros(dt, rows, cols);
        reference.lossGradient(kind, pred, target, grad);
        Tensor gK = kernel.allocate(dt, rows, cols);
        kernel.lossGradient(kind, up(kernel, pred), up(kernel, target), gK);
        HostTensor gScale = HostTensor.zeros(DType.F64, rows, cols);
        double perElement = 1.0 / (rows * (double) cols);
        for (int i = 0; i < gScale.size(); i++) {
            gScale.setFlat(i, Math.abs(grad.getFlat(i)) + (kind == LossKind.MSE
                    ? (Math.abs(pred.getFlat(i)) + Math.abs(target.getFlat(i))) * 2 * perElement : perElement));
        }
        tally.record("loss gradient", what, Deviation.of(grad, down(kernel, gK), gScale), Tolerances.mixed(dt, cols));
        tally.record("count_correct", what, Deviation.exact(reference.countCorrect(pred, target),
                kernel.countCorrect(up(kernel, pred), up(kernel, target))), 0);
    }

    private static HostTensor log(HostTensor p) {
        HostTensor out = p.copy();
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, Math.log(p.getFlat(i)));
        }
        return out;
    }

    /** The mean of the absolute terms the loss adds up. */
    private static double scale(LossKind kind, HostTensor p, HostTensor t) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            double pv = Math.abs(p.getFlat(i));
            s += switch (kind) {
                case MSE -> Math.pow(pv + Math.abs(t.getFlat(Math.min(i, (int) t.size() - 1))), 2);
                case BCE -> 100;
                default -> pv + 1;
            };
        }
        return kind == LossKind.MSE || kind == LossKind.BCE ? s / p.size() : s / p.rows() * 4;
    }
}
