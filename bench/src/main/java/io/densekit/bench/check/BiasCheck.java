package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** The bias operations of a dense layer: addRowVector and columnSums. */
final class BiasCheck implements OpCheck {
    private final int shapes;
    private final int maxSize;

    BiasCheck(int shapes, int maxSize) {
        this.shapes = shapes;
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        DType dt = tally.dtype();
        for (int s = 0; s < shapes; s++) {
            int rows = rnd.size(maxSize);
            int cols = rnd.size(maxSize);
            String what = rows + "x" + cols;
            HostTensor z = rnd.normalish(dt, rows, cols);
            HostTensor bias = rnd.normalish(dt, 1, cols).reshape(cols);
            try {
                HostTensor expected = z.copy();
                reference.addRowVector(bias, expected);
                Tensor zK = up(kernel, z);
                kernel.addRowVector(up(kernel, bias), zK);
                tally.record("add_row_vector", what, Deviation.of(expected, down(kernel, zK),
                        ErrorScales.absPlus(z, expected, 0)), Tolerances.elementwise(dt));
            } catch (RuntimeException e) {
                tally.failed("add_row_vector", what, e);
            }
            try {
                HostTensor sums = HostTensor.zeros(dt, cols);
                reference.columnSums(z, sums);
                Tensor sumsK = kernel.allocate(dt, cols);
                kernel.columnSums(up(kernel, z), sumsK);
                tally.record("column_sums", what, Deviation.of(sums, down(kernel, sumsK), ErrorScales.colAbsSum(z)),
                        Tolerances.reduction(dt, rows));
            } catch (RuntimeException e) {
                tally.failed("column_sums", what, e);
            }
        }
    }
}
