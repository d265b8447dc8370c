package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every kernel must pass against the reference kernel, as JUnit tests: the
 * {@link ConformanceCases} (odd sizes 1, 3, 17, 33, 127, both dtypes, every transpose combination,
 * every activation, loss and optimizer), and the contracts that have no tolerance: the batched
 * optimizer updates equal the one-by-one ones bit for bit, memory and row copies move exact values,
 * and bad input is refused with the kernel-independent message. A kernel module subclasses this
 * (test scope) and returns its kernel from {@link #kernel()}.
 */
public abstract class KernelConformanceSuite {
    private final Kernel reference = new ReferenceKernel();

    /** The kernel under test. */
    protected abstract Kernel kernel();

    /** The dtypes to check; by default every dtype the kernel supports. */
    protected List<DType> dtypes() {
        return kernel().dtypes().stream().sorted().toList();
    }

    /** Each case as a test that fails at the first result outside its tolerance. */
    private Stream<DynamicTest> tests(List<Case> cases) {
        return cases.stream().map(c -> dynamicTest(c.name(), () -> c.run(reference, kernel(), Recorder.asserting())));
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        return tests(ConformanceCases.gemm(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> biasAndColumnSums() {
        return tests(ConformanceCases.bias(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> activations() {
        return tests(ConformanceCases.activations(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> denseLayer() {
        return tests(ConformanceCases.dense(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        return tests(ConformanceCases.losses(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> optimizers() {
        return tests(ConformanceCases.optimizers(dtypes()));
    }

    @TestFactory
    Stream<DynamicTest> multiTensorOptimizers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (SgdParams sp : new SgdParams[] {SgdParams.plain(0.05), new SgdParams(0.05, 0.9, 0.1, false, 0.01),
                new SgdParams(0.05, 0.9, 0, true, 0)}) {
                tests.add(dynamicTest("sgdUpdateAll " + sp + " " + dt, () -> checkSgdAll(dt, sp)));
            }
            tests.add(dynamicTest("adamUpdateAll " + dt, () -> checkAdamAll(dt, new AdamParams(0.01, 0.8, 0.99, 1e-6, 0.01))));
        }
        return tests.stream();
    }

    /** Shapes of a small model's parameters, with tails: weights and biases of several sizes. */
    private static final int[][] PARAM_SHAPES = {{3, 17}, {3, 1}, {1, 127}, {33, 5}, {1, 1}};

    /** The batched SGD update is the one-by-one update, bit for bit, over several steps. */
    private void checkSgdAll(DType dt, SgdParams sp) {
        RandomTensors rnd = new RandomTensors(71);
        int n = PARAM_SHAPES.length;
        Tensor[] pAll = new Tensor[n + 2]; // longer than count: only the first count entries count
        Tensor[] pOne = new Tensor[n];
        Tensor[] bAll = new Tensor[n];
        Tensor[] bOne = new Tensor[n];
        for (int i = 0; i < n; i++) {
            HostTensor p = rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]);
            pAll[i] = up(kernel(), p);
            pOne[i] = up(kernel(), p);
            bAll[i] = kernel().allocate(dt, PARAM_SHAPES[i]);
            bOne[i] = kernel().allocate(dt, PARAM_SHAPES[i]);
        }
        for (int step = 0; step < 3; step++) {
            Tensor[] g = new Tensor[n];
            for (int i = 0; i < n; i++) {
                g[i] = up(kernel(), rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]));
                kernel().sgdUpdate(pOne[i], g[i], sp.hasMomentum() ? bOne[i] : null, sp, step == 0);
            }
            kernel().sgdUpdateAll(n, pAll, g, sp.hasMomentum() ? bAll : null, sp, step == 0);
            for (int i = 0; i < n; i++) {
                assertThat(down(kernel(), pAll[i]).toDoubleArray()).as("param " + i + " step " + step)
                        .containsExactly(down(kernel(), pOne[i]).toDoubleArray());
                assertThat(down(kernel(), bAll[i]).toDoubleArray()).as("buffer " + i + " step " + step)
                        .containsExactly(down(kernel(), bOne[i]).toDoubleArray());
            }
        }
    }

    /** The batched Adam update is the one-by-one update, bit for bit, over several steps. */
    private void checkAdamAll(DType dt, AdamParams ap) {
        RandomTensors rnd = new RandomTensors(73);
        int n = PARAM_SHAPES.length;
        Tensor[][] all = new Tensor[3][n];
        Tensor[][] one = new Tensor[3][n];
        for (int i = 0; i < n; i++) {
            HostTensor p = rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]);
            all[0][i] = up(kernel(), p);
            one[0][i] = up(kernel(), p);
            for (int s = 1; s < 3; s++) {
                all[s][i] = kernel().allocate(dt, PARAM_SHAPES[i]);
                one[s][i] = kernel().allocate(dt, PARAM_SHAPES[i]);
            }
        }
        for (int step = 1; step <= 3; step++) {
            Tensor[] g = new Tensor[n];
            for (int i = 0; i < n; i++) {
                g[i] = up(kernel(), rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]));
                kernel().adamUpdate(one[0][i], g[i], one[1][i], one[2][i], ap, step);
            }
            kernel().adamUpdateAll(n, all[0], g, all[1], all[2], ap, step);
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < n; i++) {
                    assertThat(down(kernel(), all[s][i]).toDoubleArray()).as("tensor " + s + "/" + i + " step " + step)
                            .containsExactly(down(kernel(), one[s][i]).toDoubleArray());
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> memory() {
        return dtypes().stream().map(dt -> dynamicTest("allocate and copy " + dt, () -> {
            Tensor z = kernel().allocate(dt, 3, 17);
            assertThat(down(kernel(), z).toDoubleArray()).containsOnly(0.0);
            HostTensor h = new RandomTensors(5).normalish(dt, 3, 17);
            Tensor t = kernel().upload(h);
            assertThat(t.dtype()).isEqualTo(dt);
            assertThat(t.shape()).containsExactly(3, 17);
            assertThat(down(kernel(), t).toDoubleArray()).containsExactly(h.toDoubleArray());
        }));
    }

    @TestFactory
    Stream<DynamicTest> rowGather() {
        return dtypes().stream().map(dt -> dynamicTest("copyRowsFromHost " + dt, () -> {
            HostTensor src = new RandomTensors(9).normalish(dt, 40, 13);
            int[] order = {39, 0, 7, 7, 21, 3, 38, 1, 12};
            Tensor dst = kernel().allocate(dt, 5, 13);
            kernel().copyRowsFromHost(src, order, 3, dst); // rows 7, 21, 3, 38, 1
            HostTensor back = down(kernel(), dst);
            for (int i = 0; i < 5; i++) {
                for (int c = 0; c < 13; c++) {
                    assertThat(back.get(i, c)).as("row %d col %d", i, c).isEqualTo(src.get(order[3 + i], c));
                }
            }
            HostTensor view = src.rowSlice(5, 30); // a view: its rows start at an offset
            kernel().copyRowsFromHost(view, order, 1, dst); // rows 0, 7, 7, 21 (of the view), 3
            back = down(kernel(), dst);
            for (int i = 0; i < 5; i++) {
                for (int c = 0; c < 13; c++) {
                    assertThat(back.get(i, c)).as("view: row %d col %d", i, c).isEqualTo(view.get(order[1 + i], c));
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> rowCopy() {
        return dtypes().stream().flatMap(dt -> Stream.of(
                dynamicTest("copyRows by order " + dt, () -> {
                    HostTensor src = new RandomTensors(10).normalish(dt, 40, 13);
                    Tensor all = kernel().upload(src);
                    int[] order = {39, 0, 7, 7, 21, 3, 38, 1, 12};
                    Tensor x = kernel().allocate(dt, 5, 13);
                    Tensor x2 = kernel().allocate(dt, 5, 13);
                    kernel().copyRows(all, order, 3, x); // rows 7, 21, 3, 38, 1
                    kernel().copyRows(all, order, 3, x2); // the same numbers again
                    assertRows(down(kernel(), x), src, order, 3, "first");
                    assertRows(down(kernel(), x2), src, order, 3, "same order again");
                    order[4] = 9; // same array, same range, other contents (a reshuffle)
                    kernel().copyRows(all, order, 3, x);
                    assertRows(down(kernel(), x), src, order, 3, "reshuffled");
                    Tensor fewer = kernel().allocate(dt, 2, 13);
                    kernel().copyRows(all, order, 0, fewer); // rows 39, 0: fewer numbers
                    assertRows(down(kernel(), fewer), src, order, 0, "fewer rows");
                }),
                dynamicTest("copyRows in order " + dt, () -> {
                    HostTensor src = new RandomTensors(11).normalish(dt, 40, 13);
                    Tensor all = kernel().upload(src);
                    Tensor x = kernel().allocate(dt, 5, 13);
                    kernel().copyRows(all, null, 35, x); // the last five rows
                    assertRows(down(kernel(), x), src, new int[] {35, 36, 37, 38, 39}, 0, "rows 35 to 40");
                }),
                dynamicTest("copyRows, many rows and a one-column target " + dt, () -> {
                    HostTensor src = new RandomTensors(12).normalish(dt, 1000, 77);
                    HostTensor targets = new RandomTensors(13).normalish(dt, 1000, 1);
                    int[] order = new int[1000];
                    for (int i = 0; i < order.length; i++) {
                        order[i] = (i * 617) % 1000; // a permutation (617 is prime to 1000)
                    }
                    Tensor all = kernel().upload(src);
                    Tensor allTargets = kernel().upload(targets);
                    Tensor x = kernel().allocate(dt, 600, 77);
                    Tensor y = kernel().allocate(dt, 600, 1);
                    kernel().copyRows(all, order, 400, x);
                    kernel().copyRows(allTargets, order, 400, y);
                    assertRows(down(kernel(), x), src, order, 400, "inputs");
                    assertRows(down(kernel(), y), targets, order, 400, "targets");
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

    @TestFactory
    Stream<DynamicTest> badInput() {
        DType dt = dtypes().getFirst();
        DType other = dt == DType.F32 ? DType.F64 : DType.F32;
        Kernel k = kernel();
        return Stream.of(
                dynamicTest("gemm inner dimension mismatch", () -> assertThatThrownBy(() ->
                        k.gemm(false, false, 1, k.allocate(dt, 3, 4), k.allocate(dt, 5, 2), 0, k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("inner dimensions")),
                dynamicTest("gemm output shape mismatch", () -> assertThatThrownBy(() ->
                        k.gemm(false, true, 1, k.allocate(dt, 3, 4), k.allocate(dt, 2, 4), 0, k.allocate(dt, 3, 3)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("[3, 2]")),
                dynamicTest("mixed dtypes", () -> {
                    if (!k.dtypes().contains(other)) {
                        return;
                    }
                    assertThatThrownBy(() -> k.gemm(false, false, 1, k.allocate(dt, 2, 2), k.allocate(other, 2, 2), 0,
                            k.allocate(dt, 2, 2))).isInstanceOf(DTypeException.class).hasMessageContaining("mixed dtypes");
                }),
                dynamicTest("row gather: a row that is not there", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 4}, 0, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order[1] = 4 is not a row")),
                dynamicTest("row gather: past the end of the order", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 1}, 1, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order of 2")),
                dynamicTest("row gather: rows of another width", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 1}, 0, k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 3 columns")),
                dynamicTest("row copy: a row that is not there", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), new int[] {0, -1}, 0, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order[1] = -1 is not a row")),
                dynamicTest("row copy in order: past the last row", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), null, 3, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("entries 3 to 5 of [4, 3] were asked for")),
                dynamicTest("row copy onto itself", () -> {
                    Tensor t = k.allocate(dt, 4, 3);
                    assertThatThrownBy(() -> k.copyRows(t, null, 1, t)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("copyRows: dst is src");
                }),
                dynamicTest("row copy: rows of another width", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), null, 0, k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 3 columns")),
                dynamicTest("bias of wrong length", () -> assertThatThrownBy(() ->
                        k.addRowVector(k.allocate(dt, 3), k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 4")),
                dynamicTest("activation shape mismatch", () -> assertThatThrownBy(() ->
                        k.activationForward(Activation.TANH, k.allocate(dt, 2, 3), k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("loss target rows mismatch", () -> assertThatThrownBy(() ->
                        k.loss(LossKind.MSE, k.allocate(dt, 4, 2), k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("rows")),
                dynamicTest("class index out of range", () -> {
                    HostTensor t = HostTensor.zeros(dt, 2, 1);
                    t.setFlat(1, 5);
                    assertThatThrownBy(() -> {
                        k.loss(LossKind.CROSS_ENTROPY, k.allocate(dt, 2, 3), k.upload(t));
                        k.synchronize();
                    }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
                }),
                dynamicTest("class index out of range, queued loss", () -> {
                    HostTensor t = HostTensor.zeros(dt, 2, 1);
                    t.setFlat(1, 5);
                    assertThatThrownBy(() -> k.lossAsync(LossKind.CROSS_ENTROPY, k.allocate(dt, 2, 3), k.upload(t)).get())
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
                }),
                dynamicTest("bce value out of range, queued loss", () -> {
                    HostTensor p = HostTensor.zeros(dt, 2, 2);
                    p.setFlat(3, 1.5);
                    assertThatThrownBy(() -> k.lossAsync(LossKind.BCE, k.upload(p), k.allocate(dt, 2, 2)).get())
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1]");
                }),
                dynamicTest("batched sgd: a gradient of the wrong shape", () -> assertThatThrownBy(() ->
                        k.sgdUpdateAll(2, new Tensor[] {k.allocate(dt, 2, 3), k.allocate(dt, 1, 3)},
                                new Tensor[] {k.allocate(dt, 2, 3), k.allocate(dt, 3, 1)}, null, SgdParams.plain(0.1), false))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("batched adam: a moment of the wrong shape", () -> assertThatThrownBy(() ->
                        k.adamUpdateAll(1, new Tensor[] {k.allocate(dt, 2, 3)}, new Tensor[] {k.allocate(dt, 2, 3)},
                                new Tensor[] {k.allocate(dt, 3, 2)}, new Tensor[] {k.allocate(dt, 2, 3)},
                                AdamParams.defaults(1e-3), 1))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("sgd state shape mismatch", () -> assertThatThrownBy(() ->
                        k.sgdUpdate(k.allocate(dt, 2, 3), k.allocate(dt, 3, 2), null, SgdParams.plain(0.1), true))
                        .isInstanceOf(ShapeException.class)));
    }
}
