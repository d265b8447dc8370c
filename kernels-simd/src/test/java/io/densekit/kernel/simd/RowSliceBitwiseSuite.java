package io.densekit.kernel.simd;

import static io.densekit.kernel.simd.Widths.assertBitwiseEqual;

import io.densekit.kernel.Activation;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Any rows computed on their own come out bit for bit as the same rows of a bigger batch, whichever
 * path runs them: row groups (A read in place, several slivers per call; always below MR rows, and
 * for every size where that is the default) or the 8-row register block, on one thread or split
 * over two, with B packed per call or a weight's packed copy. The batch runs in the register block,
 * the rows alone in row groups. Random shapes cover partial slivers and panels, one and several
 * k-blocks, and every activation.
 *
 * <p>One subclass per vector width, so that each test JVM (kernels-simd runs a JVM per test class)
 * meets one species and the JIT compiles constant-species vector code, as in use; a JVM that ran
 * every width would spend most of its time in vector code the JIT could not specialise.
 */
abstract class RowSliceBitwiseSuite {
    private static final int[] INS = {1, 3, 17, 64, 129, 262, 300, 784, 1100};
    private static final int[] OUTS = {1, 3, 10, 16, 33, 64, 100, 128, 257, 600};
    private static final Activation[] ACTS = Activation.values();

    /** The vector width in bits; the subclass skips itself where the machine's vectors are narrower. */
    protected abstract int bits();

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void denseRowsAloneMatchTheSameRowsOfABatch(DType dt) {
        int bits = bits();
        SplittableRandom shapes = new SplittableRandom(bits * 7L + dt.ordinal());
        RandomTensors rnd = new RandomTensors(bits + 3L * dt.ordinal());
        try (SimdKernel tiles = new SimdKernel(new SimdConfig(bits, 2), false);
             SimdKernel k = new SimdKernel(new SimdConfig(bits, 2), true)) {
            for (int trial = 0; trial < 10; trial++) {
                int in = INS[shapes.nextInt(INS.length)];
                int out = OUTS[shapes.nextInt(OUTS.length)];
                Activation act = ACTS[shapes.nextInt(ACTS.length)];
                int batch = 24 + shapes.nextInt(90);
                HostTensor x = rnd.normalish(dt, batch, in);
                HostTensor w = rnd.uniform(dt, out, in, -0.3, 0.3);
                HostTensor b = rnd.uniform(dt, 1, out, -0.5, 0.5).reshape(out);
                String shape = batch + "x" + in + " -> " + out + " " + act;
                HostTensor full = HostTensor.zeros(dt, batch, out);
                tiles.denseForward(x, w.copy(), b, act, full); // a fresh weight: packed per call
                for (int m = 1; m <= batch; m = m < 20 ? m + 1 : m * 2) {
                    int from = shapes.nextInt(batch - m + 1);
                    HostTensor part = HostTensor.zeros(dt, m, out);
                    k.denseForward(x.rowSlice(from, from + m), w, b, act, part); // packed for keeps from the 2nd call
                    assertBitwiseEqual(shape + ", rows " + from + ".." + (from + m), full.rowSlice(from, from + m),
                            part);
                }
                HostTensor again = HostTensor.zeros(dt, batch, out);
                k.denseForward(x, w, b, act, again); // the whole batch from the kept packed weight, row groups
                assertBitwiseEqual(shape + ", whole batch in row groups from the packed weight", full, again);
                HostTensor w2 = w.copy();
                tiles.denseForward(x, w2, b, act, again);
                tiles.denseForward(x, w2, b, act, again); // register block from the kept packed weight
                assertBitwiseEqual(shape + ", whole batch in the register block from the packed weight", full, again);
            }
        }
    }

    /** Every transpose, alpha and beta: the few-rows path packs B per call and reads A in either layout. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void gemmRowsAloneMatchTheSameRowsOfABatch(DType dt) {
        int bits = bits();
        SplittableRandom shapes = new SplittableRandom(bits * 11L + dt.ordinal());
        RandomTensors rnd = new RandomTensors(bits + 5L * dt.ordinal());
        try (SimdKernel tiles = new SimdKernel(new SimdConfig(bits, 2), false);
             SimdKernel k = new SimdKernel(new SimdConfig(bits, 2), true)) {
            for (int trial = 0; trial < 8; trial++) {
                int kk = INS[shapes.nextInt(INS.length)];
                int n = OUTS[shapes.nextInt(OUTS.length)];
                int m = 20 + shapes.nextInt(40);
                boolean ta = (trial & 1) != 0;
                boolean tb = (trial & 2) != 0;
                double beta = trial < 4 ? 0 : -0.5;
                HostTensor a = ta ? rnd.normalish(dt, kk, m) : rnd.normalish(dt, m, kk);
                HostTensor b = tb ? rnd.normalish(dt, n, kk) : rnd.normalish(dt, kk, n);
                HostTensor c0 = rnd.normalish(dt, m, n);
                HostTensor full = c0.copy();
                tiles.gemm(ta, tb, 0.75, a, b, beta, full);
                HostTensor grouped = c0.copy();
                k.gemm(ta, tb, 0.75, a, b, beta, grouped);
                assertBitwiseEqual("gemm in row groups, whole", full, grouped);
                for (int rows = 1; rows <= 20; rows++) {
                    int from = shapes.nextInt(m - rows + 1);
                    HostTensor part = c0.rowSlice(from, from + rows).copy();
                    k.gemm(ta, tb, 0.75, rowsOfOpA(a, ta, from, rows), b, beta, part);
                    assertBitwiseEqual("gemm " + (ta ? "A^T " : "A ") + (tb ? "B^T " : "B ") + m + "x" + kk + "x" + n
                            + " beta " + beta + ", rows " + from + ".." + (from + rows), full.rowSlice(from, from + rows),
                            part);
                }
            }
        }
    }

    /** Single rows with k = 0 or a one-column output: the edges of the few-rows path. */
    @Test
    void degenerateShapesMatchTheBatch() {
        RandomTensors rnd = new RandomTensors(9);
        try (SimdKernel k = new SimdKernel(new SimdConfig(bits(), 1))) {
            for (DType dt : DType.values()) {
                for (int[] s : new int[][] {{9, 0, 5}, {9, 5, 1}, {9, 1, 1}}) {
                    HostTensor x = rnd.normalish(dt, s[0], s[1]);
                    HostTensor w = rnd.normalish(dt, s[2], s[1]);
                    HostTensor b = rnd.normalish(dt, 1, s[2]).reshape(s[2]);
                    HostTensor full = HostTensor.zeros(dt, s[0], s[2]);
                    k.denseForward(x, w, b, Activation.TANH, full);
                    HostTensor one = HostTensor.zeros(dt, 1, s[2]);
                    k.denseForward(x.rowSlice(4, 5), w, b, Activation.TANH, one);
                    assertBitwiseEqual(dt + " " + java.util.Arrays.toString(s), full.rowSlice(4, 5), one);
                }
            }
        }
    }

    /** Rows {@code [from, from + rows)} of op(A), stored as op expects them. */
    private static HostTensor rowsOfOpA(HostTensor a, boolean transA, int from, int rows) {
        if (!transA) {
            return a.rowSlice(from, from + rows);
        }
        HostTensor sub = HostTensor.zeros(a.dtype(), a.rows(), rows);
        for (int p = 0; p < a.rows(); p++) {
            for (int i = 0; i < rows; i++) {
                sub.set(p, i, a.get(p, from + i));
            }
        }
        return sub;
    }
}
