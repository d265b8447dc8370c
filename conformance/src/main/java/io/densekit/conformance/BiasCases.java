package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;

/** The bias operations of a dense layer: adding a row vector to every row, and column sums. */
public final class BiasCases {
    public static final String ADD_ROW_VECTOR = "add_row_vector";
    public static final String COLUMN_SUMS = "column_sums";

    private BiasCases() {
    }

    public static Case addRowVector(DType dt, int rows, int cols, long seed) {
        return new Case(ADD_ROW_VECTOR, "addRowVector " + dt + " " + rows + "x" + cols, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor z = rnd.normalish(dt, rows, cols);
            HostTensor bias = rnd.normalish(dt, 1, cols).reshape(cols);
            HostTensor expected = z.copy();
            reference.addRowVector(bias, expected);
            Tensor zK = up(kernel, z);
            kernel.addRowVector(up(kernel, bias), zK);
            recorder.record(ADD_ROW_VECTOR, rows + "x" + cols, Deviation.of(expected, down(kernel, zK),
                    ErrorScales.absPlus(z, expected, 0)), Tolerance.elementwise(dt));
        });
    }

    public static Case columnSums(DType dt, int rows, int cols, long seed) {
        return new Case(COLUMN_SUMS, "columnSums " + dt + " " + rows + "x" + cols, (reference, kernel, recorder) -> {
            HostTensor z = new RandomTensors(seed).normalish(dt, rows, cols);
            HostTensor sums = HostTensor.zeros(dt, cols);
            reference.columnSums(z, sums);
            Tensor sumsK = kernel.allocate(dt, cols);
            kernel.columnSums(up(kernel, z), sumsK);
            recorder.record(COLUMN_SUMS, rows + "x" + cols, Deviation.of(sums, down(kernel, sumsK),
                    ErrorScales.colAbsSum(z)), Tolerance.reduction(dt, rows));
        });
    }
}
