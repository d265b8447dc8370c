package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;
import static io.densekit.conformance.RowSlices.rowsOf;
import static io.densekit.conformance.RowSlices.sameRows;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.Locale;

/**
 * Row-slice invariance: a row's result must not depend on which other rows share its call (how many,
 * where the slice starts), which is what lets batch inference cut its input anywhere (the Spark
 * module's blocks) and still equal one {@code Sequential.predict} over all rows. Each case computes a
 * block of rows on the kernel, then the same operation on {@link RowSlices} of it, and holds every
 * slice to the block's rows bit for bit: the kernel against itself, not against the reference, and
 * with no tolerance. The operations are those of the inference path: GEMM (predict's {@code x w^T}
 * and the other layouts), the dense forward pass with bias under every activation, an activation
 * layer's forward, and {@code Sequential.predict} itself, whose weights (and whatever the kernel
 * keeps of them, such as a packed copy) serve every call, as a model serving many blocks does. Then
 * the whole block runs once more, on what the kernel kept, and must give its first bits.
 */
public final class RowSliceCases {
    private static final String OP_PREFIX = "row slices: ";
    public static final String GEMM = OP_PREFIX + "gemm";
    public static final String DENSE = OP_PREFIX + "dense forward";
    public static final String ACTIVATION = OP_PREFIX + "activation forward";
    public static final String PREDICT = OP_PREFIX + "predict";
    /** predict's product (alpha 1, beta 0), and alpha and beta that read the output's slice. */
    private static final double[][] ALPHA_BETA = {{1.0, 0.0}, {0.75, -0.5}};
    private static final String AGAIN = "the whole block again";

    private RowSliceCases() {
    }

    /** Whether {@code c} is one of these cases. */
    public static boolean isRowSlice(Case c) {
        return c.op().startsWith(OP_PREFIX);
    }

    /** {@code c = alpha op(a) op(b) + beta c} on the block's {@code m} rows of op(a) and c, then on each slice. */
    public static Case gemm(DType dt, int m, int n, int k, boolean ta, boolean tb, RowSlices slices, long seed) {
        String shape = String.format(Locale.ROOT, "%s m=%d n=%d k=%d %s%s", dt, m, n, k, ta ? "T" : "N", tb ? "T" : "N");
        return new Case(GEMM, "row slices gemm " + shape + ", " + slices, (reference, kernel, recorder) -> {
            requireRows(slices, m);
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor a = ta ? rnd.normalish(dt, k, m) : rnd.normalish(dt, m, k);
            HostTensor b = tb ? rnd.normalish(dt, n, k) : rnd.normalish(dt, k, n);
            HostTensor c = rnd.normalish(dt, m, n);
            Tensor aK = up(kernel, a);
            Tensor bK = up(kernel, b);
            for (double[] ab : ALPHA_BETA) {
                String what = shape + " alpha=" + ab[0] + " beta=" + ab[1];
                HostTensor whole = gemmOn(kernel, ta, tb, ab, aK, bK, up(kernel, c));
                for (int s = 0; s < slices.count(); s++) {
                    int from = slices.from(s);
                    int to = slices.to(s);
                    // op(a)'s rows are a's columns when it is transposed: those are gathered, never a view.
                    Tensor aRows = ta ? up(kernel, columns(a, from, to)) : rowsOf(kernel, a, aK, from, to);
                    HostTensor part = gemmOn(kernel, ta, tb, ab, aRows, bK, up(kernel, c.rowSlice(from, to)));
                    recorder.record(GEMM, what + ", " + slices.name(s), sameRows(whole, from, to, part), 0);
                }
                recorder.record(GEMM, what + ", " + AGAIN, sameRows(whole, 0, m,
                        gemmOn(kernel, ta, tb, ab, aK, bK, up(kernel, c))), 0);
            }
        });
    }

    /** {@code act(x w^T + b)} with x {@code [m, in]}: the block, each slice, the block again, on one weight and bias. */
    public static Case dense(DType dt, Activation act, int m, int in, int out, RowSlices slices, long seed) {
        String what = String.format(Locale.ROOT, "%s %s n=%d in=%d out=%d", dt, act.specName(), m, in, out);
        return new Case(DENSE, "row slices dense " + what + ", " + slices, (reference, kernel, recorder) -> {
            requireRows(slices, m);
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor x = rnd.normalish(dt, m, in);
            Tensor xK = up(kernel, x);
            Tensor wK = up(kernel, rnd.uniform(dt, out, in, -1, 1));
            Tensor bK = up(kernel, rnd.uniform(dt, 1, out, -1, 1).reshape(out));
            HostTensor whole = denseOn(kernel, xK, wK, bK, act);
            for (int s = 0; s < slices.count(); s++) {
                int from = slices.from(s);
                int to = slices.to(s);
                HostTensor part = denseOn(kernel, rowsOf(kernel, x, xK, from, to), wK, bK, act);
                recorder.record(DENSE, what + ", " + slices.name(s), sameRows(whole, from, to, part), 0);
            }
            recorder.record(DENSE, what + ", " + AGAIN, sameRows(whole, 0, m, denseOn(kernel, xK, wK, bK, act)), 0);
        });
    }

    /** An activation layer's forward on a {@code [m, cols]} block (softmax and log-softmax per row) and on each slice. */
    public static Case activation(DType dt, Activation act, int m, int cols, RowSlices slices, long seed) {
        String what = String.format(Locale.ROOT, "%s %s %dx%d", dt, act.specName(), m, cols);
        return new Case(ACTIVATION, "row slices activation " + what + ", " + slices, (reference, kernel, recorder) -> {
            requireRows(slices, m);
            HostTensor z = new RandomTensors(seed).uniform(dt, m, cols, -6, 6);
            Tensor zK = up(kernel, z);
            HostTensor whole = activationOn(kernel, act, zK);
            for (int s = 0; s < slices.count(); s++) {
                int from = slices.from(s);
                int to = slices.to(s);
                HostTensor part = activationOn(kernel, act, rowsOf(kernel, z, zK, from, to));
                recorder.record(ACTIVATION, what + ", " + slices.name(s), sameRows(whole, from, to, part), 0);
            }
        });
    }

    /**
     * {@code Sequential.predict} of the model {@code spec} (weights from {@code seed}) on {@code m} rows,
     * on each slice (views into the block's input), on each slice's first row and the last through
     * the one-row {@code predict(float[])} / {@code predict(double[])}, and on the block again: one
     * model for all.
     */
    public static Case predict(DType dt, String spec, int m, RowSlices slices, long seed) {
        String what = String.format(Locale.ROOT, "%s model %s, %d rows", dt, spec, m);
        return new Case(PREDICT, "row slices predict " + what + ", " + slices, (reference, kernel, recorder) -> {
            requireRows(slices, m);
            try (Sequential model = Sequential.of(spec, kernel, dt, seed)) {
                HostTensor x = new RandomTensors(seed).uniform(dt, m, model.inputWidth(), -2, 2);
                HostTensor whole = model.predict(x);
                for (int s = 0; s < slices.count(); s++) {
                    int from = slices.from(s);
                    int to = slices.to(s);
                    recorder.record(PREDICT, what + ", " + slices.name(s),
                            sameRows(whole, from, to, model.predict(x.rowSlice(from, to))), 0);
                }
                for (int r : aloneRows(slices)) {
                    recorder.record(PREDICT, what + ", row " + r + " alone (one-row predict)",
                            sameRows(whole, r, r + 1, alone(model, x.rowSlice(r, r + 1).copy())), 0);
                }
                recorder.record(PREDICT, what + ", " + AGAIN, sameRows(whole, 0, m, model.predict(x)), 0);
            }
        });
    }

    /** The rows the one-row path computes: each slice's first and the block's last (not all: it is one call per row). */
    private static int[] aloneRows(RowSlices slices) {
        int[] rows = new int[slices.count() + 1];
        for (int s = 0; s < slices.count(); s++) {
            rows[s] = slices.from(s);
        }
        rows[slices.count()] = slices.rows() - 1;
        return rows;
    }

    /** One row ({@code [1, inputWidth]}, its own array) through the model's one-row path, with arrays of its dtype. */
    private static HostTensor alone(Sequential model, HostTensor row) {
        int width = model.outputWidth();
        return model.dtype() == DType.F32
                ? HostTensor.wrap(model.predict(row.floatArray()), 1, width)
                : HostTensor.wrap(model.predict(row.doubleArray()), 1, width);
    }

    private static HostTensor gemmOn(Kernel kernel, boolean ta, boolean tb, double[] ab, Tensor a, Tensor b, Tensor c) {
        kernel.gemm(ta, tb, ab[0], a, b, ab[1], c);
        return down(kernel, c);
    }

    private static HostTensor denseOn(Kernel kernel, Tensor x, Tensor w, Tensor b, Activation act) {
        Tensor a = kernel.allocate(x.dtype(), x.rows(), w.rows());
        kernel.denseForward(x, w, b, act, a);
        return down(kernel, a);
    }

    private static HostTensor activationOn(Kernel kernel, Activation act, Tensor z) {
        Tensor a = kernel.allocate(z.dtype(), z.rows(), z.cols());
        kernel.activationForward(act, z, a);
        return down(kernel, a);
    }

    /** Columns {@code [from, to)} of {@code a}: the rows of op(a) = a^T that a slice holds, stored as a^T's operand. */
    private static HostTensor columns(HostTensor a, int from, int to) {
        HostTensor sub = HostTensor.zeros(a.dtype(), a.rows(), to - from);
        for (int p = 0; p < a.rows(); p++) {
            for (int i = from; i < to; i++) {
                sub.set(p, i - from, a.get(p, i));
            }
        }
        return sub;
    }

    private static void requireRows(RowSlices slices, int m) {
        if (slices.rows() != m) {
            throw new IllegalArgumentException("slices of " + slices.rows() + " rows for a block of " + m);
        }
    }
}
