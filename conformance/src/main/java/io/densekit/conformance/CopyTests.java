package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Allocation, host copies and row copies move exact values: no tolerance, every bit. */
final class CopyTests {
    private CopyTests() {
    }

    static Stream<DynamicTest> memory(Kernel kernel, List<DType> dtypes) {
        return dtypes.stream().map(dt -> dynamicTest("allocate and copy " + dt, () -> {
            Tensor z = kernel.allocate(dt, 3, 17);
            assertThat(down(kernel, z).toDoubleArray()).containsOnly(0.0);
            HostTensor h = new RandomTensors(5).normalish(dt, 3, 17);
            Tensor t = kernel.upload(h);
            assertThat(t.dtype()).isEqualTo(dt);
            assertThat(t.shape()).containsExactly(3, 17);
            assertThat(down(kernel, t).toDoubleArray()).containsExactly(h.toDoubleArray());
        }));
    }

    static Stream<DynamicTest> rowGather(Kernel kernel, List<DType> dtypes) {
        return dtypes.stream().map(dt -> dynamicTest("copyRowsFromHost " + dt, () -> {
            HostTensor src = new RandomTensors(9).normalish(dt, 40, 13);
            int[] order = {39, 0, 7, 7, 21, 3, 38, 1, 12};
            Tensor dst = kernel.allocate(dt, 5, 13);
            kernel.copyRowsFromHost(src, order, 3, dst); // rows 7, 21, 3, 38, 1
            HostTensor back = down(kernel, dst);
            for (int i = 0; i < 5; i++) {
                for (int c = 0; c < 13; c++) {
                    assertThat(back.get(i, c)).as("row %d col %d", i, c).isEqualTo(src.get(order[3 + i], c));
                }
            }
            HostTensor view = src.rowSlice(5, 30); // a view: its rows start at an offset
            kernel.copyRowsFromHost(view, order, 1, dst); // rows 0, 7, 7, 21 (of the view), 3
            back = down(kernel, dst);
            for (int i = 0; i < 5; i++) {
                for (int c = 0; c < 13; c++) {
                    assertThat(back.get(i, c)).as("view: row %d col %d", i, c).isEqualTo(view.get(order[1 + i], c));
                }
            }
        }));
    }

    static Stream<DynamicTest> rowCopy(Kernel kernel, List<DType> dtypes) {
        return dtypes.stream().flatMap(dt -> Stream.of(
                dynamicTest("copyRows by order " + dt, () -> {
                    HostTensor src = new RandomTensors(10).normalish(dt, 40, 13);
                    Tensor all = kernel.upload(src);
                    int[] order = {39, 0, 7, 7, 21, 3, 38, 1, 12};
                    Tensor x = kernel.allocate(dt, 5, 13);
                    Tensor x2 = kernel.allocate(dt, 5, 13);
                    kernel.copyRows(all, order, 3, x); // rows 7, 21, 3, 38, 1
                    kernel.copyRows(all, order, 3, x2); // the same numbers again
                    assertRows(down(kernel, x), src, order, 3, "first");
                    assertRows(down(kernel, x2), src, order, 3, "same order again");
                    order[4] = 9; // same array, same range, other contents (a reshuffle)
                    kernel.copyRows(all, order, 3, x);
                    assertRows(down(kernel, x), src, order, 3, "reshuffled");
                    Tensor fewer = kernel.allocate(dt, 2, 13);
                    kernel.copyRows(all, order, 0, fewer); // rows 39, 0: fewer numbers
                    assertRows(down(kernel, fewer), src, order, 0, "fewer rows");
                }),
                dynamicTest("copyRows in order " + dt, () -> {
                    HostTensor src = new RandomTensors(11).normalish(dt, 40, 13);
                    Tensor all = kernel.upload(src);
                    Tensor x = kernel.allocate(dt, 5, 13);
                    kernel.copyRows(all, null, 35, x); // the last five rows
                    assertRows(down(kernel, x), src, new int[] {35, 36, 37, 38, 39}, 0, "rows 35 to 40");
                }),
                dynamicTest("copyRows, many rows and a one-column target " + dt, () -> {
                    HostTensor src = new RandomTensors(12).normalish(dt, 1000, 77);
                    HostTensor targets = new RandomTensors(13).normalish(dt, 1000, 1);
                    int[] order = new int[1000];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = (i * 617) % 1000; // a permutation (617 is prime to 1000)
                    }
                    Tensor all = kernel.upload(src);
                    Tensor allTargets = kernel.upload(targets);
                    Tensor x = kernel.allocate(dt, 600, 77);
                    Tensor y = kernel.allocate(dt, 600, 1);
                    kernel.copyRows(all, order, 400, x);
                    kernel.copyRows(allTargets, order, 400, y);
                    assertRows(down(kernel, x), src, order, 400, "inputs");
                    assertRows(down(kernel, y), targets, order, 400, "targets");
                })));
    }

    private static void assertRows(HostTensor got, HostTensor src, int[] order, int from, String what) {
        for (int i = 0; i < got.rows(); i++) {
            for (int c = 0; c < got.cols(); c++) {
                if (Double.compare(got.get(i, c), src.get(order[from + i], c)) != 0) {
                    throw new AssertionError(what + ": row " + i + " col " + c + " is " + got.get(i, c)
                            + ", expected row " + order[from + i] + " of the source: " + src.get(order[from + i], c));
                }
            }
        }
    }

}
