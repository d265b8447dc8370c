package io.densekit.kernel.conformance;

import static io.densekit.kernel.conformance.Operands.down;
import static io.densekit.kernel.conformance.Operands.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.SgdParams;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every kernel must pass against the reference kernel: odd sizes (1, 3, 17, 33, 127),
 * both dtypes, every transpose combination, every activation, loss and optimizer, and bad input.
 * A kernel module subclasses this and returns its kernel from {@link #kernel()}.
 */
public abstract class KernelConformanceSuite {
    protected static final int[] SIZES = {1, 3, 17, 33, 127};
    private final Kernel reference = new ReferenceKernel();

    /** The kernel under test. */
    protected abstract Kernel kernel();

    /** The dtypes to check; by default every dtype the kernel supports. */
    protected List<DType> dtypes() {
        return kernel().dtypes().stream().sorted().toList();
    }

    /** GEMM shapes (m, n, k): every size alone and a rotation of mixed sizes. */
    protected static List<int[]> gemmShapes() {
        List<int[]> shapes = new ArrayList<>();
        for (int s : SIZES) {
            shapes.add(new int[] {s, s, s});
        }
        for (int i = 0; i < SIZES.length; i++) {
            shapes.add(new int[] {SIZES[i], SIZES[(i + 1) % SIZES.length], SIZES[(i + 2) % SIZES.length]});
            shapes.add(new int[] {SIZES[(i + 2) % SIZES.length], SIZES[i], SIZES[(i + 4) % SIZES.length]});
        }
        return shapes;
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (int[] s : gemmShapes()) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    String name = String.format("gemm %s m=%d n=%d k=%d transA=%b transB=%b", dt, s[0], s[1], s[2], ta, tb);
                    tests.add(dynamicTest(name, () -> checkGemm(dt, s[0], s[1], s[2], ta, tb)));
                }
            }
        }
        return tests.stream();
    }

    private void checkGemm(DType dt, int m, int n, int k, boolean ta, boolean tb) {
        RandomTensors rnd = new RandomTensors(31L * m + 7L * n + k + (ta ? 1000 : 0) + (tb ? 2000 : 0));
        HostTensor a = ta ? rnd.normalish(dt, k, m) : rnd.normalish(dt, m, k);
        HostTensor b = tb ? rnd.normalish(dt, n, k) : rnd.normalish(dt, k, n);
        HostTensor c = rnd.normalish(dt, m, n);
        double tol = Tolerance.reduction(dt, k + 1);
        for (double[] ab : new double[][] {{1.0, 0.0}, {1.5, -0.5}, {-0.75, 1.0}}) {
            HostTensor expected = c.copy();
            reference.gemm(ta, tb, ab[0], a, b, ab[1], expected);
            Tensor cK = up(kernel(), c);
            kernel().gemm(ta, tb, ab[0], up(kernel(), a), up(kernel(), b), ab[1], cK);
            TensorAssert.assertClose("alpha=" + ab[0] + " beta=" + ab[1], expected, down(kernel(), cK),
                    Operands.gemmScale(ta, tb, a, b, ab[0], ab[1], c, m, n, k), tol);
        }
        // beta == 0 ignores c entirely, NaN included, as BLAS does.
        HostTensor nan = HostTensor.zeros(dt, m, n);
        for (int i = 0; i < m * n; i++) {
            nan.setFlat(i, Double.NaN);
        }
        Tensor cK = up(kernel(), nan);
        kernel().gemm(ta, tb, 1.0, up(kernel(), a), up(kernel(), b), 0.0, cK);
        HostTensor expected = nan.copy();
        reference.gemm(ta, tb, 1.0, a, b, 0.0, expected);
        TensorAssert.assertClose("beta=0 over NaN", expected, down(kernel(), cK),
                Operands.gemmScale(ta, tb, a, b, 1, 0, nan, m, n, k), tol);
    }

    @TestFactory
    Stream<DynamicTest> biasAndColumnSums() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (int rows : SIZES) {
                for (int cols : SIZES) {
                    tests.add(dynamicTest("addRowVector/columnSums " + dt + " " + rows + "x" + cols, () -> {
                        RandomTensors rnd = new RandomTensors(rows * 131L + cols);
                        HostTensor z = rnd.normalish(dt, rows, cols);
                        HostTensor bias = rnd.normalish(dt, 1, cols).reshape(cols);
                        HostTensor expected = z.copy();
                        reference.addRowVector(bias, expected);
                        Tensor zK = up(kernel(), z);
                        kernel().addRowVector(up(kernel(), bias), zK);
                        TensorAssert.assertClose("addRowVector", expected, down(kernel(), zK),
                                Operands.absPlus(z, expected), Tolerance.elementwise(dt));

                        HostTensor sums = HostTensor.zeros(dt, cols);
                        reference.columnSums(z, sums);
                        Tensor sumsK = kernel().allocate(dt, cols);
                        kernel().columnSums(up(kernel(), z), sumsK);
                        TensorAssert.assertClose("columnSums", sums, down(kernel(), sumsK),
                                Operands.colAbsSum(z).reshape(cols), Tolerance.reduction(dt, rows));
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> activations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (Activation act : Activation.values()) {
                for (int cols : SIZES) {
                    int rows = 17;
                    tests.add(dynamicTest(act + " " + dt + " " + rows + "x" + cols, () -> checkActivation(dt, act, rows, cols)));
                }
            }
        }
        return tests.stream();
    }

    private void checkActivation(DType dt, Activation act, int rows, int cols) {
        RandomTensors rnd = new RandomTensors(act.ordinal() * 1000L + cols);
        HostTensor z = rnd.uniform(dt, rows, cols, -6, 6);
        HostTensor expected = HostTensor.zeros(dt, rows, cols);
        reference.activationForward(act, z, expected);
        Tensor zK = up(kernel(), z);
        Tensor aK = kernel().allocate(dt, rows, cols);
        kernel().activationForward(act, zK, aK);
        HostTensor forwardScale = act == Activation.LOG_SOFTMAX ? Operands.rowAbsSum(z) : null;
        TensorAssert.assertClose(act + " forward", expected, down(kernel(), aK), forwardScale,
                Tolerance.mixed(dt, cols));
        // In place gives the same result.
        kernel().activationForward(act, zK, zK);
        TensorAssert.assertClose(act + " forward in place", expected, down(kernel(), zK), forwardScale,
                Tolerance.mixed(dt, cols));

        // Backward, from the reference's output so both kernels start from the same a.
        HostTensor g = rnd.normalish(dt, rows, cols);
        HostTensor gradZ = HostTensor.zeros(dt, rows, cols);
        reference.activationBackward(act, expected, g, gradZ);
        Tensor gK = up(kernel(), g);
        Tensor gzK = kernel().allocate(dt, rows, cols);
        kernel().activationBackward(act, up(kernel(), expected), gK, gzK);
        HostTensor scale = backwardScale(act, expected, g);
        TensorAssert.assertClose(act + " backward", gradZ, down(kernel(), gzK), scale, Tolerance.mixed(dt, cols));
        kernel().activationBackward(act, up(kernel(), expected), gK, gK);
        TensorAssert.assertClose(act + " backward in place", gradZ, down(kernel(), gK), scale, Tolerance.mixed(dt, cols));
    }

    /** Error scale of each backward formula: the magnitudes of the terms it adds or subtracts. */
    private static HostTensor backwardScale(Activation act, HostTensor a, HostTensor g) {
        HostTensor s = HostTensor.zeros(DType.F64, a.rows(), a.cols());
        for (int r = 0; r < a.rows(); r++) {
            double dot = 0;
            double gSum = 0;
            for (int c = 0; c < a.cols(); c++) {
                dot += Math.abs(g.get(r, c) * a.get(r, c));
                gSum += Math.abs(g.get(r, c));
            }
            for (int c = 0; c < a.cols(); c++) {
                double av = a.get(r, c);
                double gv = Math.abs(g.get(r, c));
                s.set(r, c, switch (act) {
                    case IDENTITY, RELU -> gv;
                    case SIGMOID -> gv * Math.abs(av) * (1 + Math.abs(av));
                    case TANH -> gv * (1 + av * av);
                    case SOFTMAX -> Math.abs(av) * (gv + dot);
                    case LOG_SOFTMAX -> gv + Math.exp(av) * gSum;
                });
            }
        }
        return s;
    }

    @TestFactory
    Stream<DynamicTest> denseLayer() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (Activation act : Activation.values()) {
                for (int[] s : new int[][] {{1, 3, 1}, {17, 33, 3}, {33, 17, 127}, {127, 1, 17}}) {
                    tests.add(dynamicTest("dense " + act + " " + dt + " n=" + s[0] + " in=" + s[1] + " out=" + s[2],
                            () -> checkDense(dt, act, s[0], s[1], s[2])));
                }
            }
        }
        return tests.stream();
    }

    private void checkDense(DType dt, Activation act, int n, int in, int out) {
        RandomTensors rnd = new RandomTensors(n * 7919L + in * 31L + out + act.ordinal());
        HostTensor x = rnd.normalish(dt, n, in);
        HostTensor w = rnd.uniform(dt, out, in, -1, 1);
        HostTensor b = rnd.uniform(dt, 1, out, -1, 1).reshape(out);
        HostTensor a = HostTensor.zeros(dt, n, out);
        reference.denseForward(x, w, b, act, a);
        Tensor aK = kernel().allocate(dt, n, out);
        kernel().denseForward(up(kernel(), x), up(kernel(), w), up(kernel(), b), act, aK);
        // The dense output's error scale is its pre-activation's: |x| |w|^T + |b|, then through act
        // (every activation here is 1-Lipschitz per element; softmax rows add their width). Where act
        // computes a new value (all but identity and relu), its own final rounding, |a| u, adds to that:
        // log-softmax of near-zero logits is about -log(out), far above the pre-activation's scale.
        HostTensor zScale = Operands.gemmScale(false, true, x, w, 1, 0, a, n, out, in);
        for (int i = 0; i < zScale.size(); i++) {
            zScale.setFlat(i, zScale.getFlat(i) + Math.abs(b.getFlat(i % out)));
        }
        TensorAssert.assertClose("dense forward", a, down(kernel(), aK), act == Activation.IDENTITY
                || act == Activation.RELU ? zScale : maxScale(zScale, a),
                Tolerance.mixed(dt, in + out + 1));

        HostTensor gradA = rnd.normalish(dt, n, out);
        HostTensor gW = HostTensor.zeros(dt, out, in);
        HostTensor gB = HostTensor.zeros(dt, out);
        HostTensor gX = HostTensor.zeros(dt, n, in);
        HostTensor gradARef = gradA.copy();
        reference.denseBackward(x, w, a, act, gradARef, gW, gB, gX);
        Tensor gWK = kernel().allocate(dt, out, in);
        Tensor gBK = kernel().allocate(dt, out);
        Tensor gXK = kernel().allocate(dt, n, in);
        kernel().denseBackward(up(kernel(), x), up(kernel(), w), up(kernel(), a), act, up(kernel(), gradA), gWK, gBK, gXK);
        HostTensor dz = gradARef;
        HostTensor dzScale = backwardScale(act, a, gradA);
        // Scales: the products of |dz|'s own scale with |x| and |w|.
        TensorAssert.assertClose("dense grad W", gW, down(kernel(), gWK),
                Operands.gemmScale(true, false, dzScale, x, 1, 0, gW, out, in, n), Tolerance.mixed(dt, n + out));
        TensorAssert.assertClose("dense grad b", gB, down(kernel(), gBK),
                Operands.colAbsSum(dzScale).reshape(out), Tolerance.mixed(dt, n + out));
        TensorAssert.assertClose("dense grad x", gX, down(kernel(), gXK),
                Operands.gemmScale(false, false, dzScale, w, 1, 0, gX, n, in, out), Tolerance.mixed(dt, out * 2));
        assertThat(dz.size()).isEqualTo((long) n * out);
    }

    private static HostTensor maxScale(HostTensor zScale, HostTensor a) {
        HostTensor s = HostTensor.zeros(DType.F64, a.rows(), a.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, Math.max(zScale.getFlat(i), Math.abs(a.getFlat(i))));
        }
        return s;
    }

    @TestFactory
    Stream<DynamicTest> losses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes()) {
            for (LossKind kind : LossKind.values()) {
                for (int cols : SIZES) {
                    for (boolean indices : new boolean[] {false, true}) {
                        if (indices && (!kind.acceptsClassIndices() || cols == 1)) {
                            continue;
                        }
                        int rows = 33;
                        tests.add(dynamicTest(kind + (indices ? " indices " : " dense ") + dt + " " + rows + "x" + cols,
                                () -> checkLoss(dt, kind, indices, rows, cols)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private void checkLoss(DType dt, LossKind kind, boolean indices, int rows, int cols) {
        RandomTensors rnd = new RandomTensors(kind.ordinal() * 100L + cols + (indices ? 7 : 0));
        HostTensor pred = switch (kind) {
            case BCE -> rnd.uniform(dt, rows, cols, 0.01, 0.99);
            case NLL -> logOf(rnd.probabilities(dt, rows, cols));
            default -> rnd.normalish(dt, rows, cols);
        };
        HostTensor target = indices ? rnd.classIndices(dt, rows, cols) : switch (kind) {
            case BCE -> rnd.uniform(dt, rows, cols, 0, 1);
            case CROSS_ENTROPY, NLL -> rnd.probabilities(dt, rows, cols);
            default -> rnd.normalish(dt, rows, cols);
        };
        double expected = reference.loss(kind, pred, target);
        double actual = kernel().loss(kind, up(kernel(), pred), up(kernel(), target));
        double scale = lossScale(kind, pred, target);
        TensorAssert.assertScalarClose(kind + " loss", expected, actual, scale, Tolerance.mixed(dt, rows * cols + cols));
        PendingLoss pending = kernel().training().queueLoss(kind, up(kernel(), pred), up(kernel(), target));
        assertThat(pending.get()).as(kind + " lossAsync is loss, bit for bit").isEqualTo(actual);

        HostTensor grad = HostTensor.zeros(dt, rows, cols);
        reference.lossGradient(kind, pred, target, grad);
        Tensor gK = kernel().allocate(dt, rows, cols);
        kernel().lossGradient(kind, up(kernel(), pred), up(kernel(), target), gK);
        HostTensor gScale = HostTensor.zeros(DType.F64, rows, cols);
        for (int i = 0; i < gScale.size(); i++) {
            gScale.setFlat(i, Math.abs(grad.getFlat(i)) + 1.0 / (rows * (double) cols) * (kind == LossKind.MSE ? 0 : 1)
                    + (kind == LossKind.MSE ? (Math.abs(pred.getFlat(i)) + Math.abs(target.getFlat(i))) * 2.0 / (rows * cols) : 0));
        }
        TensorAssert.assertClose(kind + " gradient", grad, down(kernel(), gK), gScale, Tolerance.mixed(dt, cols));

        long correct = reference.countCorrect(pred, target);
        assertThat(kernel().countCorrect(up(kernel(), pred), up(kernel(), target))).as("countCorrect").isEqualTo(correct);
    }

    private static HostTensor logOf(HostTensor p) {
        HostTensor out = p.copy();
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, Math.log(p.getFlat(i)));
        }
        return out;
    }

    /** Mean of the absolute terms the loss adds up. */
    private static double lossScale(LossKind kind, HostTensor p, HostTensor t) {
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

    @TestFactory
    Stream<DynamicTest> optimizers() {
        List<DynamicTest> tests = new ArrayList<>();
        SgdParams[] sgds = {
            SgdParams.plain(0.05),
            new SgdParams(0.05, 0.9, 0, false, 0.01),
            new SgdParams(0.05, 0.9, 0.1, false, 0),
            new SgdParams(0.05, 0.9, 0, true, 0.01),
        };
        for (DType dt : dtypes()) {
            for (int cols : SIZES) {
                for (SgdParams sp : sgds) {
                    tests.add(dynamicTest("sgd " + sp + " " + dt + " 3x" + cols, () -> checkSgd(dt, sp, 3, cols)));
                }
                for (AdamParams ap : new AdamParams[] {AdamParams.defaults(1e-3), new AdamParams(0.01, 0.8, 0.99, 1e-6, 0.01)}) {
                    tests.add(dynamicTest("adam " + ap + " " + dt + " 3x" + cols, () -> checkAdam(dt, ap, 3, cols)));
                }
            }
        }
        return tests.stream();
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

    private void checkSgd(DType dt, SgdParams sp, int rows, int cols) {
        RandomTensors rnd = new RandomTensors(cols * 17L + (long) (sp.momentum() * 10));
        HostTensor p = rnd.normalish(dt, rows, cols);
        HostTensor buf = HostTensor.zeros(dt, rows, cols);
        Tensor pK = up(kernel(), p);
        Tensor bufK = kernel().allocate(dt, rows, cols);
        for (int step = 0; step < 3; step++) {
            HostTensor g = rnd.normalish(dt, rows, cols);
            reference.sgdUpdate(p, g, sp.hasMomentum() ? buf : null, sp, step == 0);
            kernel().sgdUpdate(pK, up(kernel(), g), sp.hasMomentum() ? bufK : null, sp, step == 0);
            HostTensor scale = Operands.absPlus(p, buf);
            for (int i = 0; i < scale.size(); i++) {
                scale.setFlat(i, scale.getFlat(i) + 1);
            }
            TensorAssert.assertClose("sgd param step " + step, p, down(kernel(), pK), scale, Tolerance.elementwise(dt));
            if (sp.hasMomentum()) {
                TensorAssert.assertClose("sgd buffer step " + step, buf, down(kernel(), bufK), scale, Tolerance.elementwise(dt));
            }
        }
    }

    private void checkAdam(DType dt, AdamParams ap, int rows, int cols) {
        RandomTensors rnd = new RandomTensors(cols * 19L);
        HostTensor p = rnd.normalish(dt, rows, cols);
        HostTensor m = HostTensor.zeros(dt, rows, cols);
        HostTensor v = HostTensor.zeros(dt, rows, cols);
        Tensor pK = up(kernel(), p);
        Tensor mK = kernel().allocate(dt, rows, cols);
        Tensor vK = kernel().allocate(dt, rows, cols);
        for (int step = 1; step <= 3; step++) {
            HostTensor g = rnd.normalish(dt, rows, cols);
            HostTensor pBefore = p.copy();
            reference.adamUpdate(p, g, m, v, ap, step);
            kernel().adamUpdate(pK, up(kernel(), g), mK, vK, ap, step);
            HostTensor scale = Operands.absPlus(p, m);
            HostTensor vScale = HostTensor.zeros(DType.F64, rows, cols);
            for (int i = 0; i < scale.size(); i++) {
                scale.setFlat(i, scale.getFlat(i) + ap.lr() * 10);
                // v's terms: beta2 v_old and (1 - beta2) d^2 with d = grad + wd p. When grad and
                // wd p nearly cancel, d's rounding error is relative to |grad| + wd |p|, not to |d|.
                double dTerms = Math.abs(g.getFlat(i)) + ap.weightDecay() * Math.abs(pBefore.getFlat(i));
                double d = g.getFlat(i) + ap.weightDecay() * pBefore.getFlat(i);
                vScale.setFlat(i, Math.abs(v.getFlat(i)) + 2 * (1 - ap.beta2()) * Math.abs(d) * dTerms);
                scale.setFlat(i, scale.getFlat(i) + (1 - ap.beta1()) * dTerms);
            }
            TensorAssert.assertClose("adam param step " + step, p, down(kernel(), pK), scale, Tolerance.elementwise(dt));
            TensorAssert.assertClose("adam m step " + step, m, down(kernel(), mK), scale, Tolerance.elementwise(dt));
            TensorAssert.assertClose("adam v step " + step, v, down(kernel(), vK), vScale, Tolerance.elementwise(dt));
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
                    assertThatThrownBy(() -> k.training().queueLoss(LossKind.CROSS_ENTROPY, k.allocate(dt, 2, 3), k.upload(t)).get())
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
                }),
                dynamicTest("bce value out of range, queued loss", () -> {
                    HostTensor p = HostTensor.zeros(dt, 2, 2);
                    p.setFlat(3, 1.5);
                    assertThatThrownBy(() -> k.training().queueLoss(LossKind.BCE, k.upload(p), k.allocate(dt, 2, 2)).get())
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
