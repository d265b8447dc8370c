package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 GEMM in the Goto/BLIS style: {@code C = alpha op(A) op(B) + beta C}, with an optional
 * epilogue {@code C = act(C + bias)} applied to each output tile as its last k-block lands.
 *
 * <p>Loops, outer to inner: column panels of {@link #NC} (packed B, reused from L3), k-blocks of
 * {@link #KC}, row blocks of {@link #MC} (packed A, kept in L2), then {@code NR}-column slivers of B
 * (kept in L1) against {@link #MR}-row slivers of A in the micro-kernel. Packing reads A and B in any
 * transpose, so no transpose is ever materialised, and pads edges with zeros so the micro-kernel
 * always runs a full tile.
 *
 * <p>Every element of C gets the same operations in the same order wherever its tile falls, and the
 * k-blocking is fixed, so splitting the output over threads never changes a result bit.
 */
abstract class F32Gemm extends F32Updates {
    /** Rows of the register block. */
    static final int MR = 8;
    /** Depth of a k-block: an NR-wide B sliver of KC rows stays in L1. */
    static final int KC = 256;
    /** Rows of a packed A block (a multiple of MR), sized for L2. */
    static final int MC = 256;
    /** Columns of a packed B panel. */
    static final int NC = 4096;

    /** Columns of the register block: two vectors. */
    final int nr() {
        return 2 * sp().length();
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. {@code act} must be element-wise
     * (row-wise activations are applied by the caller once whole rows exist).
     */
    final void compute(boolean transA, boolean transB, float alpha, float[] a, int ao, int lda, float[] b, int bo,
                       int ldb, float beta, float[] c, int co, int ldc, int k, int i0, int i1, int j0, int j1,
                       float[] bias, int biasOff, Activation act, Workspace ws) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (k == 0) {
            scaleOnly(beta, c, co, ldc, i0, i1, j0, j1, bias, biasOff, act);
            return;
        }
        int nr = nr();
        float[] tile = ws.floats(Workspace.TILE, MR * nr);
        float[] ap = ws.floats(Workspace.PACK_A, MC * kBlock(k));
        float[] bp = ws.floats(Workspace.PACK_B, kBlock(k) * roundUp(Math.min(NC, j1 - j0), nr));
        int kb = kBlock(k);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                boolean first = pc == 0;
                boolean last = pc + kc >= k;
                packB(transB, b, bo, ldb, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(transA, a, ao, lda, ic, mc, pc, kc, ap);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int nrr = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            microKernel(ap, ir * kc, bp, jr * kc, kc, tile);
                            int cOff = co + (ic + ir) * ldc + jc + jr;
                            merge(tile, c, cOff, ldc, mr, nrr, alpha, beta, first);
                            if (last && (bias != null || act != Activation.IDENTITY)) {
                                for (int r = 0; r < mr; r++) {
                                    biasActivate(c, cOff + r * ldc, nrr, bias, biasOff + jc + jr, act);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The k-block depth: k cut into equal blocks of at most KC (784 becomes 3 x 262, not 256 + 256 +
     * 256 + 16, whose thin last block would pay a full tile write-back for little work). It depends
     * on k alone, so every thread count sums in the same blocks.
     */
    static int kBlock(int k) {
        int blocks = Math.max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** k == 0: C = beta C (zero when beta is 0), then the epilogue. */
    private void scaleOnly(float beta, float[] c, int co, int ldc, int i0, int i1, int j0, int j1, float[] bias,
                           int biasOff, Activation act) {
        for (int i = i0; i < i1; i++) {
            int row = co + i * ldc;
            for (int j = j0; j < j1; j++) {
                c[row + j] = beta == 0 ? 0 : beta * c[row + j];
            }
            if (bias != null || act != Activation.IDENTITY) {
                biasActivate(c, row + j0, j1 - j0, bias, biasOff + j0, act);
            }
        }
    }

    /**
     * Writes a tile into C: on the first k-block {@code alpha t + beta c} (C unread when beta is 0, so
     * NaNs there do not propagate), afterwards {@code c + alpha t}.
     */
    private void merge(float[] tile, float[] c, int cOff, int ldc, int mr, int nr, float alpha, float beta,
                       boolean first) {
        VectorSpecies<Float> s = sp();
        int l = s.length();
        int w = 2 * l;
        for (int r = 0; r < mr; r++) {
            int row = cOff + r * ldc;
            for (int j = 0; j < nr; j += l) {
                VectorMask<Float> m = s.indexInRange(j, nr);
                FloatVector t = FloatVector.fromArray(s, tile, r * w + j).mul(alpha);
                FloatVector v;
                if (first) {
                    v = beta == 0 ? t : FloatVector.fromArray(s, c, row + j, m).mul(beta).add(t);
                } else {
                    v = FloatVector.fromArray(s, c, row + j, m).add(t);
                }
                v.intoArray(c, row + j, m);
            }
        }
    }

    /**
     * Packs op(B)[pc .. pc+kc, jc .. jc+nc] into NR-column slivers, each kc rows of NR contiguous
     * values, zero-padded past nc.
     */
    private void packB(boolean transB, float[] b, int bo, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        VectorSpecies<Float> s = sp();
        int l = s.length();
        int nr = 2 * l;
        for (int js = 0; js < nc; js += nr) {
            int base = js * kc;
            int width = Math.min(nr, nc - js);
            if (!transB) {
                VectorMask<Float> m0 = s.indexInRange(0, width);
                VectorMask<Float> m1 = s.indexInRange(l, width);
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * ldb + jc + js;
                    FloatVector.fromArray(s, b, src, m0).intoArray(bp, base + p * nr);
                    FloatVector.fromArray(s, b, src + l, m1).intoArray(bp, base + p * nr + l);
                }
            } else {
                // Rows of B are columns of op(B): read them side by side, write each packed row once.
                int src = bo + (jc + js) * ldb + pc;
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * nr;
                    for (int jj = 0; jj < width; jj++) {
                        bp[dst + jj] = b[src + jj * ldb + p];
                    }
                    for (int jj = width; jj < nr; jj++) {
                        bp[dst + jj] = 0;
                    }
                }
            }
        }
    }

    /** Packs op(A)[ic .. ic+mc, pc .. pc+kc] into MR-row slivers, kc columns of MR values, zero-padded past mc. */
    private static void packA(boolean transA, float[] a, int ao, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        for (int is = 0; is < mc; is += MR) {
            int base = is * kc;
            int height = Math.min(MR, mc - is);
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    int src = ao + (pc + p) * lda + ic + is;
                    int dst = base + p * MR;
                    for (int ii = 0; ii < height; ii++) {
                        ap[dst + ii] = a[src + ii];
                    }
                    for (int ii = height; ii < MR; ii++) {
                        ap[dst + ii] = 0;
                    }
                }
            } else if (height == MR) {
                // MR rows read side by side; each packed column written once, contiguously.
                int src = ao + (ic + is) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * MR;
                    for (int ii = 0; ii < MR; ii++) {
                        ap[dst + ii] = a[src + ii * lda + p];
                    }
                }
            } else {
                int src = ao + (ic + is) * lda + pc;
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * MR;
                    for (int ii = 0; ii < height; ii++) {
                        ap[dst + ii] = a[src + ii * lda + p];
                    }
                    for (int ii = height; ii < MR; ii++) {
                        ap[dst + ii] = 0;
                    }
                }
            }
        }
    }

    /**
     * The register block: an 8 x 2-vector tile of C accumulated over kc steps of packed A (broadcast)
     * and packed B (two vector loads), 16 accumulators plus 2 B vectors and a broadcast, within
     * 32 vector registers. Writes the tile row-major into {@code tile}.
     */
    final void microKernel(float[] a, int ao, float[] b, int bo, int kc, float[] tile) {
        VectorSpecies<Float> s = sp();
        int l = s.length();
        FloatVector c00 = FloatVector.zero(s);
        FloatVector c01 = FloatVector.zero(s);
        FloatVector c10 = FloatVector.zero(s);
        FloatVector c11 = FloatVector.zero(s);
        FloatVector c20 = FloatVector.zero(s);
        FloatVector c21 = FloatVector.zero(s);
        FloatVector c30 = FloatVector.zero(s);
        FloatVector c31 = FloatVector.zero(s);
        FloatVector c40 = FloatVector.zero(s);
        FloatVector c41 = FloatVector.zero(s);
        FloatVector c50 = FloatVector.zero(s);
        FloatVector c51 = FloatVector.zero(s);
        FloatVector c60 = FloatVector.zero(s);
        FloatVector c61 = FloatVector.zero(s);
        FloatVector c70 = FloatVector.zero(s);
        FloatVector c71 = FloatVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * 2 * l;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(s, b, bi);
            FloatVector b1 = FloatVector.fromArray(s, b, bi + l);
            FloatVector a0 = FloatVector.broadcast(s, a[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(s, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(s, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(s, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(s, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(s, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(s, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(s, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, 0 * 2 * l);
        c01.intoArray(tile, 0 * 2 * l + l);
        c10.intoArray(tile, 1 * 2 * l);
        c11.intoArray(tile, 1 * 2 * l + l);
        c20.intoArray(tile, 2 * 2 * l);
        c21.intoArray(tile, 2 * 2 * l + l);
        c30.intoArray(tile, 3 * 2 * l);
        c31.intoArray(tile, 3 * 2 * l + l);
        c40.intoArray(tile, 4 * 2 * l);
        c41.intoArray(tile, 4 * 2 * l + l);
        c50.intoArray(tile, 5 * 2 * l);
        c51.intoArray(tile, 5 * 2 * l + l);
        c60.intoArray(tile, 6 * 2 * l);
        c61.intoArray(tile, 6 * 2 * l + l);
        c70.intoArray(tile, 7 * 2 * l);
        c71.intoArray(tile, 7 * 2 * l + l);
    }
}
