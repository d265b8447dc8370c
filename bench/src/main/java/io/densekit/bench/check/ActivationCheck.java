package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** Every activation forward and backward (the backward from the reference's output, so both start alike). */
final class ActivationCheck implements OpCheck {
    private final int shapes;
    private final int maxSize;

    ActivationCheck(int shapes, int maxSize) {
        this.shapes = shapes;
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        DType dt = tally.dtype();
        for (Activation act : Activation.values()) {
            for (int s = 0; s < shapes; s++) {
                int rows = rnd.size(maxSize);
                int cols = rnd.size(maxSize);
                String what = act.specName() + " " + rows + "x" + cols;
                HostTensor z = rnd.uniform(dt, rows, cols, -6, 6);
                HostTensor a = HostTensor.zeros(dt, rows, cols);
                reference.activationForward(act, z, a);
                try {
                    Tensor aK = kernel.allocate(dt, rows, cols);
                    kernel.activationForward(act, up(kernel, z), aK);
                    tally.record("activation forward", what, Deviation.of(a, down(kernel, aK),
                                    act == Activation.LOG_SOFTMAX ? ErrorScales.rowAbsSum(z) : null),
                            Tolerances.mixed(dt, cols));
                } catch (RuntimeException e) {
                    tally.failed("activation forward", what, e);
                }
                HostTensor g = rnd.normalish(dt, rows, cols);
                try {
                    HostTensor gradZ = HostTensor.zeros(dt, rows, cols);
                    reference.activationBackward(act, a, g, gradZ);
                    Tensor gzK = kernel.allocate(dt, rows, cols);
                    kernel.activationBackward(act, up(kernel, a), up(kernel, g), gzK);
                    tally.record("activation backward", what, Deviation.of(gradZ, down(kernel, gzK),
                            ErrorScales.activationBackward(act, a, g)), Tolerances.mixed(dt, cols));
                } catch (RuntimeException e) {
                    tally.failed("activation backward", what, e);
                }
            }
        }
    }
}
