package io.densekit.conformance;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance suite's cases: odd sizes (1, 3, 17, 33, 127, none a multiple of a vector width, so
 * every kernel's tails are exercised), both dtypes, every transpose combination, activation, loss
 * and optimizer setting. Each case has a fixed seed, so a failure reproduces.
 */
public final class ConformanceCases {
    public static final int[] SIZES = {1, 3, 17, 33, 127};
    /** Dense layers (batch, in, out): a single row and column, and mixed odd sizes. */
    private static final int[][] DENSE_SHAPES = {{1, 3, 1}, {17, 33, 3}, {33, 17, 127}, {127, 1, 17}};
    private static final int ACTIVATION_ROWS = 17;
    private static final int LOSS_ROWS = 33;
    private static final int OPTIMIZER_ROWS = 3;
    /** The row-slice cases' block: 37 rows, cut as {@link RowSlices#awkward} does. */
    private static final int SLICED_ROWS = 37;
    /**
     * Row-slice GEMM and dense shapes (n or out, k or in): many columns over a short k (two
     * 256-column row panels, the second of 7), a k of two k-blocks (the simd kernel's are at most 1024
     * deep) whose block of 37 rows is above
     * the simd kernel's threshold for splitting a product over threads (its slices are not), and the
     * edges: one column of one term, and no terms at all.
     */
    private static final int[][] SLICED_SHAPES = {{263, 7}, {97, 1101}, {1, 1}, {5, 0}};
    /** The row-slice model: every activation, odd widths, a linear output. */
    static final String SLICED_MODEL = "29,97:tanh,33:relu,17:sigmoid,13:softmax,11:logsoftmax,5";

    private ConformanceCases() {
    }

    /** GEMM shapes (m, n, k): every size alone and a rotation of mixed sizes. */
    public static List<int[]> gemmShapes() {
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

    public static List<Case> gemm(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (int[] s : gemmShapes()) {
                for (int t = 0; t < 4; t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = (t & 2) != 0;
                    long seed = 31L * s[0] + 7L * s[1] + s[2] + (ta ? 1000 : 0) + (tb ? 2000 : 0);
                    cases.add(GemmCases.of(dt, s[0], s[1], s[2], ta, tb, seed));
                }
            }
        }
        return cases;
    }

    public static List<Case> bias(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (int rows : SIZES) {
                for (int cols : SIZES) {
                    cases.add(BiasCases.addRowVector(dt, rows, cols, rows * 131L + cols));
                    cases.add(BiasCases.columnSums(dt, rows, cols, rows * 131L + cols));
                }
            }
        }
        return cases;
    }

    public static List<Case> activations(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (Activation act : Activation.values()) {
                for (int cols : SIZES) {
                    cases.add(ActivationCases.of(dt, act, ACTIVATION_ROWS, cols, act.ordinal() * 1000L + cols));
                }
            }
        }
        return cases;
    }

    public static List<Case> dense(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (Activation act : Activation.values()) {
                for (int[] s : DENSE_SHAPES) {
                    cases.add(DenseCases.of(dt, act, s[0], s[1], s[2], s[0] * 7919L + s[1] * 31L + s[2] + act.ordinal()));
                }
            }
        }
        return cases;
    }

    /** Every loss with dense targets, and with class indices where it takes them (more than one class). */
    public static List<Case> losses(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (LossKind kind : LossKind.values()) {
                for (int cols : SIZES) {
                    for (boolean indices : new boolean[] {false, true}) {
                        if (indices && (!kind.acceptsClassIndices() || cols == 1)) {
                            continue;
                        }
                        long seed = kind.ordinal() * 100L + cols + (indices ? 7 : 0);
                        cases.add(LossCases.of(dt, kind, indices, LOSS_ROWS, cols, seed));
                    }
                }
            }
        }
        return cases;
    }

    public static List<Case> optimizers(List<DType> dtypes) {
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (int cols : SIZES) {
                for (SgdParams sp : OptimizerCases.SGD_SETTINGS) {
                    cases.add(OptimizerCases.sgd(dt, sp, OPTIMIZER_ROWS, cols, cols * 17L + (long) (sp.momentum() * 10)));
                }
                for (AdamParams ap : OptimizerCases.ADAM_SETTINGS) {
                    cases.add(OptimizerCases.adam(dt, ap, OPTIMIZER_ROWS, cols, cols * 19L));
                }
            }
        }
        return cases;
    }

    /**
     * Row-slice invariance (the kernel against itself, bit for bit): GEMM in every transpose on the
     * first shape, in predict's layout (x w^T) on the others; the dense forward pass under every
     * activation on the first two shapes, linear and tanh on the edges; every activation layer; and
     * {@code Sequential.predict} of {@link #SLICED_MODEL}.
     */
    public static List<Case> rowSlices(List<DType> dtypes) {
        RowSlices slices = RowSlices.awkward(SLICED_ROWS);
        List<Case> cases = new ArrayList<>();
        for (DType dt : dtypes) {
            for (int i = 0; i < SLICED_SHAPES.length; i++) {
                int[] s = SLICED_SHAPES[i];
                long seed = 101L * i + dt.ordinal();
                for (int t = 0; t < (i == 0 ? 4 : 1); t++) {
                    boolean ta = (t & 1) != 0;
                    boolean tb = i > 0 || (t & 2) != 0;
                    cases.add(RowSliceCases.gemm(dt, SLICED_ROWS, s[0], s[1], ta, tb, slices, seed + t));
                }
                for (Activation act : Activation.values()) {
                    if (i < 2 || act == Activation.IDENTITY || act == Activation.TANH) {
                        cases.add(RowSliceCases.dense(dt, act, SLICED_ROWS, s[1], s[0], slices, seed + act.ordinal()));
                    }
                }
            }
            for (Activation act : Activation.values()) {
                cases.add(RowSliceCases.activation(dt, act, SLICED_ROWS, SLICED_SHAPES[1][0], slices, act.ordinal()));
            }
            cases.add(RowSliceCases.predict(dt, SLICED_MODEL, SLICED_ROWS, slices, 11 + dt.ordinal()));
        }
        return cases;
    }
}
