package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;

/**
 * One loss on one shape: its value (and the queued value, which must be the same bits), its
 * gradient, and countCorrect, with dense targets or class indices.
 */
public final class LossCases {
    public static final String LOSS = "loss";
    public static final String GRADIENT = "loss gradient";
    public static final String COUNT_CORRECT = "count_correct";

    private LossCases() {
    }

    public static Case of(DType dt, LossKind kind, boolean indices, int rows, int cols, long seed) {
        String shape = (indices ? " indices " : " dense ") + rows + "x" + cols;
        String what = kind.cliName() + shape;
        return new Case(LOSS, kind + (indices ? " indices " : " dense ") + dt + " " + rows + "x" + cols,
                (reference, kernel, recorder) -> {
                    RandomTensors rnd = new RandomTensors(seed);
                    HostTensor pred = switch (kind) {
                        case BCE -> rnd.uniform(dt, rows, cols, 0.01, 0.99);
                        case NLL -> Operands.log(rnd.probabilities(dt, rows, cols));
                        default -> rnd.normalish(dt, rows, cols);
                    };
                    HostTensor target = indices ? rnd.classIndices(dt, rows, cols) : switch (kind) {
                        case BCE -> rnd.uniform(dt, rows, cols, 0, 1);
                        case CROSS_ENTROPY, NLL -> rnd.probabilities(dt, rows, cols);
                        default -> rnd.normalish(dt, rows, cols);
                    };
                    double expected = reference.loss(kind, pred, target);
                    double actual = kernel.loss(kind, up(kernel, pred), up(kernel, target));
                    recorder.record(LOSS, what, Deviation.scalar(expected, actual, ErrorScales.loss(kind, pred, target)),
                            Tolerance.mixed(dt, rows * cols + cols));
                    double queued = kernel.training().queueLoss(kind, up(kernel, pred), up(kernel, target)).get();
                    recorder.record(LOSS, what + " queued (training().queueLoss), against loss", Deviation.identical(actual, queued), 0);

                    HostTensor grad = HostTensor.zeros(dt, rows, cols);
                    reference.lossGradient(kind, pred, target, grad);
                    Tensor gK = kernel.allocate(dt, rows, cols);
                    kernel.lossGradient(kind, up(kernel, pred), up(kernel, target), gK);
                    recorder.record(GRADIENT, what, Deviation.of(grad, down(kernel, gK),
                            ErrorScales.lossGradient(kind, grad, pred, target)), Tolerance.mixed(dt, cols));

                    recorder.record(COUNT_CORRECT, what, Deviation.exact(reference.countCorrect(pred, target),
                            kernel.countCorrect(up(kernel, pred), up(kernel, target))), 0);
                });
    }
}
