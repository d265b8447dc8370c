package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 GEMM in the Goto/BLIS style: {@code C = alpha op(A) op(B) + beta C}, with an optional
 * epilogue {@code C = act(C + bias)} applied to each output tile as its last k-block lands.
 *
 * <p>Loops, outer to inner: column panels of {@code nc} (packed B, reused from L3), k-blocks of
 * {@link #KC}, row blocks of {@code mc} (packed A, kept in L2), then {@code NR}-column slivers of B
 * (streamed from L2) against {@link #MR}-row slivers of A in the micro-kernel. Packing reads A and B in any
 * transpose, so no transpose is ever materialised, and pads edges with zeros so the micro-kernel
 * always runs a full tile.
 *
 * <p>Every element of C gets the same operations in the same order wherever its tile falls, and the
 * k-blocking is fixed, so splitting the output over threads never changes a result bit.
 */
abstract class F64Gemm extends F64Updates {
    /** Rows of the register block. */
    static final int MR = 8;
    /**
     * Depth of a k-block: the longest FMA chain before a tile is merged into C. It sets the rounding,
     * so it is the same on every machine (codegen/generate.sh says why this value).
     */
    static final int KC = 1024;
    /** The default rows of a packed A block (a multiple of MR), sized for L2. */
    static final int MC = 64;
    /** The default columns of a packed B panel (for the plan's nc, which counts columns of 4-byte values; see the constructor). */
    static final int NC = 512;
    /** The default columns of B that {@link #computeRows} runs its row groups over at a time (a multiple of NR at every width). */
    static final int ROW_PANEL = 256;
    /**
     * The default rows of the largest row group of {@link #computeRows}; threads get whole groups.
     * 8 runs only with 512-bit vectors (4 below): one thread, interleaved, groups of 8 rows x 1
     * sliver ran the MLP layer products 1.2-1.33x as fast as 4 x 2 on a Xeon (512 x 784 x 128,
     * 128 x 784 x 512 with A^T, 333 x 32 x 32 with B^T), each B vector loaded once per 8 rows.
     */
    static final int ROW_GROUP = 8;

    /** This instance's blocking (see {@link GemmPlan}): where the loops cut, never what an element sums. */
    final int mcBlock;
    final int ncPanel;
    final int rowPanel;
    final int rowGroup;

    F64Gemm(GemmPlan plan) {
        this.mcBlock = plan.mc();
        // The plan's nc counts columns of 4-byte values: a panel holds the same bytes in either type,
        // so a panel of 8-byte values has half the columns. On a Zen 4 (1 MB L2) DGEMM ran 1.5-6%
        // faster with panels of 512 than of 1024 at n = 512 to 4096 (2 threads; 1 thread from 1024 to
        // 2048, a tie at 4096), while SGEMM at 2048 and 4096 ran 2-4% slower with 512: the packed A
        // block (64 x 1024), the panel's tiles and a B sliver then fit L2 together in both types.
        this.ncPanel = plan.nc() * 4 / Double.BYTES;
        this.rowPanel = plan.rowPanel();
        this.rowGroup = plan.rowGroup();
    }

    /** Columns of the register block: two vectors. */
    final int nr() {
        return 2 * sp().length();
    }

    /**
     * Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. {@code act} must be element-wise
     * (row-wise activations are applied by the caller once whole rows exist).
     */
    final void compute(boolean transA, boolean transB, double alpha, double[] a, int ao, int lda, double[] b, int bo,
                       int ldb, double beta, double[] c, int co, int ldc, int k, int i0, int i1, int j0, int j1,
                       double[] bias, int biasOff, Activation act, Workspace ws) {
        compute(transA, transB, alpha, a, ao, lda, b, bo, ldb, null, 0, beta, c, co, ldc, k, i0, i1, j0, j1, bias,
                biasOff, act, ws);
    }

    /**
     * As above, with B already packed whole ({@link #packWhole}, {@code n} columns) when {@code packed}
     * is not null: the slivers are read from there instead of being packed again. The same values in
     * the same order, so the same bits.
     */
    final void compute(boolean transA, boolean transB, double alpha, double[] a, int ao, int lda, double[] b, int bo,
                       int ldb, double[] packed, int n, double beta, double[] c, int co, int ldc, int k, int i0, int i1,
                       int j0, int j1, double[] bias, int biasOff, Activation act, Workspace ws) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (k == 0) {
            scaleOnly(beta, c, co, ldc, i0, i1, j0, j1, bias, biasOff, act);
            return;
        }
        int nr = nr();
        int groupCols = mergeGroupColumns(nr);
        double[] tiles = ws.doubles(Workspace.TILE, mcBlock * Math.min(groupCols, roundUp(Math.min(ncPanel, j1 - j0), nr)));
        double[] ap = ws.doubles(Workspace.PACK_A, mcBlock * kBlock(k));
        double[] bp = packed != null ? packed : ws.doubles(Workspace.PACK_B, kBlock(k) * roundUp(Math.min(ncPanel, j1 - j0), nr));
        int kb = kBlock(k);
        int packedWidth = roundUp(n, nr);
        for (int jc = j0; jc < j1; jc += ncPanel) {
            int nc = Math.min(ncPanel, j1 - jc);
            for (int pc = 0; pc < k; pc += kb) {
                int kc = Math.min(kb, k - pc);
                boolean first = pc == 0;
                boolean last = pc + kc >= k;
                // Sliver jr of this panel: in the whole packed B at column jc + jr of k-block pc.
                int bBase = packed != null ? pc * packedWidth + jc * kc : 0;
                if (packed == null) {
                    packB(transB, b, bo, ldb, pc, kc, jc, nc, bp, 0);
                }
                for (int ic = i0; ic < i1; ic += mcBlock) {
                    int mc = Math.min(mcBlock, i1 - ic);
                    packA(transA, a, ao, lda, ic, mc, pc, kc, ap);
                    for (int jg = 0; jg < nc; jg += groupCols) {
                        int jEnd = Math.min(nc, jg + groupCols);
                        for (int jr = jg; jr < jEnd; jr += nr) {
                            for (int ir = 0; ir < mc; ir += MR) {
                                microKernel(ap, ir * kc, bp, bBase + jr * kc, kc, tiles, ((jr - jg) / nr * mcBlock + ir) * nr);
                            }
                        }
                        // The tiles are merged after the group's micro-kernels, one row block at a
                        // time from left to right: C is then walked along its rows, which the hardware
                        // prefetchers follow. Merged after each micro-kernel, in its order (down the
                        // row blocks, then right), C was walked down columns of tiles, a cache miss per
                        // row and k-block once C outgrows the caches. Each element is merged once per
                        // k-block, in k-block order, as before, so the bits do not change.
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            for (int jr = jg; jr < jEnd; jr += nr) {
                                int nrr = Math.min(nr, nc - jr);
                                int cOff = co + (ic + ir) * ldc + jc + jr;
                                merge(tiles, ((jr - jg) / nr * mcBlock + ir) * nr, nr, c, cOff, ldc, mr, nrr, alpha, beta, first);
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
    }

    /**
     * The k-block depth: k cut into equal blocks of at most KC (with KC 1024, 1100 becomes 2 x 550, not
     * 1024 + 76, whose thin last block would pay a full tile write-back for little work). It depends
     * on k alone, so every thread count sums in the same blocks.
     */
    static int kBlock(int k) {
        int blocks = Math.max(1, (k + KC - 1) / KC);
        return (k + blocks - 1) / blocks;
    }

    /** Elements of the tile buffer {@link #compute} fills before it merges: 1 MB of doubles, 2 MB of doubles. */
    static final int MERGE_BUFFER = 1 << 18;

    /** Columns of a packed panel whose tiles (every row block of an mc block) are computed before they are merged. */
    private int mergeGroupColumns(int nr) {
        return Math.max(nr, MERGE_BUFFER / mcBlock / nr * nr);
    }

    static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /**
     * The rows of the next row group when {@code left} rows remain: 8 (only with 512-bit vectors,
     * whose 32 registers hold its 16 accumulators), 4, 2 or 1, at most {@code rowGroup}.
     */
    final int rowsOfGroup(int left) {
        int rows = Math.min(left, rowGroup);
        return rows >= 8 && sixteenAccumulators() ? 8 : rows >= 4 ? 4 : rows >= 2 ? 2 : 1;
    }

    /**
     * Whether a row group may hold 16 accumulators (8 x 1, 4 x 2, 2 x 4 slivers): with 512-bit vectors,
     * where AVX-512 gives 32 vector registers; below, 8 (within 16 registers).
     */
    final boolean sixteenAccumulators() {
        return sp().vectorBitSize() == 512;
    }

    /** k == 0: C = beta C (zero when beta is 0), then the epilogue. */
    private void scaleOnly(double beta, double[] c, int co, int ldc, int i0, int i1, int j0, int j1, double[] bias,
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
     * NaNs there do not propagate), afterwards {@code c + alpha t}; the tile of {@code mr} rows at
     * {@code tileOff}.
     */
    private void merge(double[] tile, int tileOff, int w, double[] c, int cOff, int ldc, int mr, int nr, double alpha,
                       double beta, boolean first) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int whole = nr / l * l;
        for (int r = 0; r < mr; r++) {
            int row = cOff + r * ldc;
            int t = tileOff + r * w;
            for (int j = 0; j < whole; j += l) {
                DoubleVector v = DoubleVector.fromArray(s, tile, t + j).mul(alpha);
                if (!first || beta != 0) {
                    DoubleVector cv = DoubleVector.fromArray(s, c, row + j);
                    v = first ? cv.mul(beta).add(v) : cv.add(v);
                }
                v.intoArray(c, row + j);
            }
            // The last columns one by one: the same multiply and add per element as the lanes above.
            // A masked vector here would be slow (see F64Vec#add) and, at the end of C, reach past it.
            for (int j = whole; j < nr; j++) {
                double v = tile[t + j] * alpha;
                if (!first || beta != 0) {
                    v = first ? c[row + j] * beta + v : c[row + j] + v;
                }
                c[row + j] = v;
            }
        }
    }

    /**
     * Packs op(B)[pc .. pc+kc, jc .. jc+nc] into NR-column slivers, each kc rows of NR contiguous
     * values, zero-padded past nc, from {@code bp[bpo]}.
     */
    private void packB(boolean transB, double[] b, int bo, int ldb, int pc, int kc, int jc, int nc, double[] bp,
                       int bpo) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        for (int js = 0; js < nc; js += nr) {
            int base = bpo + js * kc;
            int width = Math.min(nr, nc - js);
            if (!transB && width == nr) {
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * ldb + jc + js;
                    DoubleVector.fromArray(s, b, src).intoArray(bp, base + p * nr);
                    DoubleVector.fromArray(s, b, src + l).intoArray(bp, base + p * nr + l);
                }
            } else if (!transB) {
                // The panel's last, partial sliver one value at a time, zeros past its width: a masked
                // load there reaches past B's end on its last row, and the Vector API's per-lane check
                // for that boxes vectors (22% of a 784-128-64-10 step at batch 64, Xeon, in dZ^T X).
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * ldb + jc + js;
                    int dst = base + p * nr;
                    for (int jj = 0; jj < width; jj++) {
                        bp[dst + jj] = b[src + jj];
                    }
                    for (int jj = width; jj < nr; jj++) {
                        bp[dst + jj] = 0;
                    }
                }
            } else if (width == nr && l >= 4) {
                // Rows of B are columns of op(B): each l x l block of B (l rows, l adjacent values
                // each) is transposed in registers into l packed rows. Each line of B is read once and
                // used whole, so rows a multiple of 4 KiB apart, whose lines share an L1 set, cost
                // no more than others. Packing the W^T of a 128 x 784 weight (Zen 4, 512 bits) took
                // 0.21 ns a value, against 0.40 with a gather of l values ldb apart per half row (and
                // 0.74 for those gathers from a staging tile at 1024 apart, 1.68 without one).
                int src = bo + (jc + js) * ldb + pc;
                int p = 0;
                for (; p + l <= kc; p += l) {
                    for (int h = 0; h < nr; h += l) {
                        int from = src + h * ldb + p;
                        int dst = base + p * nr + h;
                        switch (l) {
                            case 16 -> transpose16(b, from, ldb, bp, dst, nr);
                            case 8 -> transpose8(b, from, ldb, bp, dst, nr);
                            default -> transpose4(b, from, ldb, bp, dst, nr);
                        }
                    }
                }
                copyTransposed(b, src, ldb, p, kc, bp, base, width, nr);
            } else {
                copyTransposed(b, bo + (jc + js) * ldb + pc, ldb, 0, kc, bp, base, width, nr);
            }
        }
    }

    /**
     * Packed rows {@code p0 .. p1} of a sliver {@code nr} wide one value at a time, zeros past its
     * width: {@code width} rows of the source ({@code ldb} apart) read side by side, each packed row
     * written once. The rows are columns of op(B) for a transposed B (packB), or rows of A (packA).
     */
    private static void copyTransposed(double[] b, int src, int ldb, int p0, int p1, double[] bp, int base, int width,
                                       int nr) {
        for (int p = p0; p < p1; p++) {
            int dst = base + p * nr;
            for (int jj = 0; jj < width; jj++) {
                bp[dst + jj] = b[src + jj * ldb + p];
            }
            for (int jj = width; jj < nr; jj++) {
                bp[dst + jj] = 0;
            }
        }
    }

    /** Doubles in op(B) packed whole: every k-block across all {@code n} columns, zero-padded to NR. */
    final int packedSize(int k, int n) {
        return k * roundUp(n, nr());
    }

    /**
     * Packs all of op(B) ({@code k x n}) as {@link #compute} would, k-block by k-block: block pc at
     * {@code pc * roundUp(n, NR)}, each its slivers side by side, so the packed B can be reused by
     * every later product with the same B.
     */
    final void packWhole(boolean transB, double[] b, int bo, int ldb, int k, int n, double[] dst) {
        int kb = kBlock(k);
        int width = roundUp(n, nr());
        for (int pc = 0; pc < k; pc += kb) {
            packB(transB, b, bo, ldb, pc, Math.min(kb, k - pc), 0, n, dst, pc * width);
        }
    }

    /**
     * Rows {@code [i0, i1)} and columns {@code [j0, j1)} (whole slivers from j0) of C, the rows in groups of at most {@code rowGroup} (4, 2 or 1), without packing A: A is read in place,
     * B comes packed whole ({@code packed}) or is packed a k-block at a time, and each row group runs
     * against several slivers at once, so that even one row keeps enough independent FMA chains in
     * flight and each B value is loaded once per row group instead of once per 8-row tile of mostly
     * padding; the bias and activation then run once over the group's rows of the panel, not per
     * sliver, so that their fixed cost per call is paid a few times per row, not once per sliver. The kernels read A in place: rows lda apart with
     * adjacent columns, or for a transposed A (the T variants) adjacent rows with columns lda apart,
     * so nothing is gathered (copying A^T a row group at a time cost about as much as the FMAs of a
     * 32 x 32 x 333 weight gradient).
     * Below 512 bits the kernels need at most 15 vector registers (the register block of {@link #compute}
     * needs 19, and spills where there are 16); with AVX-512's 32, groups of 16 accumulators (4 x 2
     * and 2 x 4 slivers) halve the loads of B per FMA. Columns go in panels of {@code rowPanel}, so that
     * a k-block of a panel of B stays in L2 while the row groups pass over it. Every element of C
     * gets exactly the FMA chain, k-blocks and merge of {@link #compute}, so rows come out bit for bit
     * as they would in a batch of any size, on any path.
     */
    final void computeRows(boolean transA, boolean transB, double alpha, double[] a, int ao, int lda, double[] b,
                           int bo, int ldb, double[] packed, double beta, double[] c, int co, int ldc, int i0, int i1,
                           int j0, int j1, int n, int k, double[] bias, int biasOff, Activation act, Workspace ws) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        if (k == 0) {
            scaleOnly(beta, c, co, ldc, i0, i1, j0, j1, bias, biasOff, act);
            return;
        }
        int nr = nr();
        // Rows x slivers a row group computes at once: 8 (16 accumulators) or 4. Row groups read B
        // from L2, so twice the slivers per row halves the loads per FMA.
        int groupSlivers = sixteenAccumulators() ? 8 : 4;
        int kb = kBlock(k);
        int width = roundUp(n, nr);
        // A row group's tiles of a whole panel, row-major (a row of the panel contiguous), merged after
        // the panel's kernels in one call, row by row: C is written along its rows, which the hardware
        // prefetchers follow, instead of 8 rows x 1 sliver (128 bytes a row) after each kernel. It
        // pays where k is short and merges are frequent: on a Zen 4, one thread, taking turns with the
        // register block (unchanged, the control) in one process, 512 x 1024 x 32 ran in 1.01-1.03x
        // the block's time before and 0.95-0.98x after, 512 x 784 x 128 and 512 x 784 x 64 1.00-1.01x
        // before and 0.98-1.00x after. Each element is still merged once per k-block, in k-block
        // order, so the bits do not change.
        int tw = roundUp(Math.min(rowPanel, j1 - j0), nr);
        double[] tile = ws.doubles(Workspace.TILE, MR * tw);
        double[] bp = packed != null ? packed : ws.doubles(Workspace.PACK_B, kb * roundUp(j1 - j0, nr));
        // The column of B the packed slivers start from: 0 in a B packed whole, j0 in one packed here.
        int bCol = packed != null ? 0 : j0;
        boolean epilogue = bias != null || act != Activation.IDENTITY;
        for (int pc = 0; pc < k; pc += kb) {
            int kc = Math.min(kb, k - pc);
            boolean first = pc == 0;
            boolean last = pc + kc >= k;
            int base = packed != null ? pc * width : 0;
            if (packed == null) {
                packB(transB, b, bo, ldb, pc, kc, j0, j1 - j0, bp, 0);
            }
            for (int jp = j0; jp < j1; jp += rowPanel) {
                int panelEnd = Math.min(j1, jp + rowPanel);
                for (int i = i0; i < i1; ) {
                    int rows = rowsOfGroup(i1 - i);
                    // Row i of op(A) at column pc: A[i][pc], or A[pc][i] when transposed.
                    int aOff = transA ? ao + pc * lda + i : ao + i * lda + pc;
                    for (int js = jp; js < panelEnd; ) {
                        int slivers = Math.min(Math.min(4, groupSlivers / rows), (panelEnd - js + nr - 1) / nr);
                        if (slivers == 3) {
                            slivers = 2;
                        }
                        int bOff = base + (js - bCol) * kc;
                        if (transA) {
                            switch (rows * 8 + slivers) {
                                case 8 + 1 -> rows1x1T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 8 + 2 -> rows1x2T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 8 + 4 -> rows1x4T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 1 -> rows2x1T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 2 -> rows2x2T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 4 -> rows2x4T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 32 + 2 -> rows4x2T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 64 + 1 -> rows8x1T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                default -> rows4x1T(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                            }
                        } else {
                            switch (rows * 8 + slivers) {
                                case 8 + 1 -> rows1x1(a, aOff, bp, bOff, kc, tile, js - jp, tw);
                                case 8 + 2 -> rows1x2(a, aOff, bp, bOff, kc, tile, js - jp, tw);
                                case 8 + 4 -> rows1x4(a, aOff, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 1 -> rows2x1(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 2 -> rows2x2(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 16 + 4 -> rows2x4(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 32 + 2 -> rows4x2(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                case 64 + 1 -> rows8x1(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                                default -> rows4x1(a, aOff, lda, bp, bOff, kc, tile, js - jp, tw);
                            }
                        }
                        js += slivers * nr;
                    }
                    merge(tile, 0, tw, c, co + i * ldc + jp, ldc, rows, panelEnd - jp, alpha, beta, first);
                    if (last && epilogue) {
                        epilogue(c, co + i * ldc + jp, ldc, rows, panelEnd - jp, bias, biasOff + jp, act);
                    }
                    i += rows;
                }
            }
        }
    }

    /**
     * {@code act(c + bias)} on {@code rows} rows of {@code cols} values, {@code ldc} apart: the bias row
     * by row, the activation in one pass when the rows are adjacent. Element by element the same
     * operations as {@link #biasActivate} on each row, so the same bits.
     */
    private void epilogue(double[] c, int cOff, int ldc, int rows, int cols, double[] bias, int biasOff,
                          Activation act) {
        if (ldc != cols) {
            for (int r = 0; r < rows; r++) {
                biasActivate(c, cOff + r * ldc, cols, bias, biasOff, act);
            }
            return;
        }
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                add(bias, biasOff, c, cOff + r * ldc, cols);
            }
        }
        if (act != Activation.IDENTITY) {
            elementwise(act, c, cOff, c, cOff, rows * cols);
        }
    }

    /** Packs op(A)[ic .. ic+mc, pc .. pc+kc] into MR-row slivers, kc columns of MR values, zero-padded past mc. */
    private void packA(boolean transA, double[] a, int ao, int lda, int ic, int mc, int pc, int kc, double[] ap) {
        int l = sp().length();
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
            } else {
                // MR rows read side by side, l values of each at a time, interleaved in registers
                // (two-vector permutes) into l packed columns written contiguously. One value at a
                // time, this packing was 11% of a one-thread 256^3 SGEMM on a Zen 4 (JFR). The tail
                // of k, and a last sliver of fewer rows (zeros below them), one value at a time.
                int src = ao + (ic + is) * lda + pc;
                int p = 0;
                if (height == MR && l >= 4) {
                    for (; p + l <= kc; p += l) {
                        switch (l) {
                            case 16 -> interleave8x16(a, src + p, lda, ap, base + p * MR);
                            case 8 -> interleave8x8(a, src + p, lda, ap, base + p * MR);
                            default -> interleave8x4(a, src + p, lda, ap, base + p * MR);
                        }
                    }
                }
                copyTransposed(a, src, lda, p, kc, ap, base, height, MR);
            }
        }
    }

    /**
     * The register block: an 8 x 2-vector tile of C accumulated over kc steps of packed A (broadcast)
     * and packed B (two vector loads), 16 accumulators plus 2 B vectors and a broadcast, within
     * 32 vector registers. Writes the tile row-major into {@code tile} at {@code to}.
     */
    final void microKernel(double[] a, int ao, double[] b, int bo, int kc, double[] tile, int to) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        DoubleVector c00 = DoubleVector.zero(s);
        DoubleVector c01 = DoubleVector.zero(s);
        DoubleVector c10 = DoubleVector.zero(s);
        DoubleVector c11 = DoubleVector.zero(s);
        DoubleVector c20 = DoubleVector.zero(s);
        DoubleVector c21 = DoubleVector.zero(s);
        DoubleVector c30 = DoubleVector.zero(s);
        DoubleVector c31 = DoubleVector.zero(s);
        DoubleVector c40 = DoubleVector.zero(s);
        DoubleVector c41 = DoubleVector.zero(s);
        DoubleVector c50 = DoubleVector.zero(s);
        DoubleVector c51 = DoubleVector.zero(s);
        DoubleVector c60 = DoubleVector.zero(s);
        DoubleVector c61 = DoubleVector.zero(s);
        DoubleVector c70 = DoubleVector.zero(s);
        DoubleVector c71 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * 2 * l;
            int ai = ao + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b1 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai + 0]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(s, a[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(s, a[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(s, a[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(s, a[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
        }
        c00.intoArray(tile, to + 0 * 2 * l);
        c01.intoArray(tile, to + 0 * 2 * l + l);
        c10.intoArray(tile, to + 1 * 2 * l);
        c11.intoArray(tile, to + 1 * 2 * l + l);
        c20.intoArray(tile, to + 2 * 2 * l);
        c21.intoArray(tile, to + 2 * 2 * l + l);
        c30.intoArray(tile, to + 3 * 2 * l);
        c31.intoArray(tile, to + 3 * 2 * l + l);
        c40.intoArray(tile, to + 4 * 2 * l);
        c41.intoArray(tile, to + 4 * 2 * l + l);
        c50.intoArray(tile, to + 5 * 2 * l);
        c51.intoArray(tile, to + 5 * 2 * l + l);
        c60.intoArray(tile, to + 6 * 2 * l);
        c61.intoArray(tile, to + 6 * 2 * l + l);
        c70.intoArray(tile, to + 7 * 2 * l);
        c71.intoArray(tile, to + 7 * 2 * l + l);
    }

    /**
     * 1 row of op(A) (A read in place) against 1 sliver of packed B over kc
     * steps (2 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x1(double[] a, int ao, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
    }

    /**
     * 1 row of op(A) (A read in place) against 2 slivers of packed B over kc
     * steps (4 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x2(double[] a, int ao, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
    }

    /**
     * 1 row of op(A) (A read in place) against 4 slivers of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x4(double[] a, int ao, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c020 = DoubleVector.zero(s);
        DoubleVector c021 = DoubleVector.zero(s);
        DoubleVector c030 = DoubleVector.zero(s);
        DoubleVector c031 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            DoubleVector b20 = DoubleVector.fromArray(s, b, bi + 2 * sl);
            DoubleVector b21 = DoubleVector.fromArray(s, b, bi + 2 * sl + l);
            DoubleVector b30 = DoubleVector.fromArray(s, b, bi + 3 * sl);
            DoubleVector b31 = DoubleVector.fromArray(s, b, bi + 3 * sl + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            c020 = a0.fma(b20, c020);
            c021 = a0.fma(b21, c021);
            c030 = a0.fma(b30, c030);
            c031 = a0.fma(b31, c031);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c020.intoArray(tile, to + 2 * nr);
        c021.intoArray(tile, to + 2 * nr + l);
        c030.intoArray(tile, to + 3 * nr);
        c031.intoArray(tile, to + 3 * nr + l);
    }

    /**
     * 2 rows of op(A) (A read in place) against 1 sliver of packed B over kc
     * steps (4 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x1(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
    }

    /**
     * 2 rows of op(A) (A read in place) against 2 slivers of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x2(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
    }

    /**
     * 2 rows of op(A) (A read in place) against 4 slivers of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x4(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c020 = DoubleVector.zero(s);
        DoubleVector c021 = DoubleVector.zero(s);
        DoubleVector c030 = DoubleVector.zero(s);
        DoubleVector c031 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        DoubleVector c120 = DoubleVector.zero(s);
        DoubleVector c121 = DoubleVector.zero(s);
        DoubleVector c130 = DoubleVector.zero(s);
        DoubleVector c131 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            DoubleVector b20 = DoubleVector.fromArray(s, b, bi + 2 * sl);
            DoubleVector b21 = DoubleVector.fromArray(s, b, bi + 2 * sl + l);
            DoubleVector b30 = DoubleVector.fromArray(s, b, bi + 3 * sl);
            DoubleVector b31 = DoubleVector.fromArray(s, b, bi + 3 * sl + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            c020 = a0.fma(b20, c020);
            c021 = a0.fma(b21, c021);
            c030 = a0.fma(b30, c030);
            c031 = a0.fma(b31, c031);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
            c120 = a1.fma(b20, c120);
            c121 = a1.fma(b21, c121);
            c130 = a1.fma(b30, c130);
            c131 = a1.fma(b31, c131);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
        c020.intoArray(tile, to + 2 * nr);
        c021.intoArray(tile, to + 2 * nr + l);
        c120.intoArray(tile, to + tw + 2 * nr);
        c121.intoArray(tile, to + tw + 2 * nr + l);
        c030.intoArray(tile, to + 3 * nr);
        c031.intoArray(tile, to + 3 * nr + l);
        c130.intoArray(tile, to + tw + 3 * nr);
        c131.intoArray(tile, to + tw + 3 * nr + l);
    }

    /**
     * 4 rows of op(A) (A read in place) against 1 sliver of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows4x1(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2 * rs]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3 * rs]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
    }

    /**
     * 4 rows of op(A) (A read in place) against 2 slivers of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows4x2(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c210 = DoubleVector.zero(s);
        DoubleVector c211 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        DoubleVector c310 = DoubleVector.zero(s);
        DoubleVector c311 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2 * rs]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            c210 = a2.fma(b10, c210);
            c211 = a2.fma(b11, c211);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3 * rs]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
            c310 = a3.fma(b10, c310);
            c311 = a3.fma(b11, c311);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
        c210.intoArray(tile, to + 2 * tw + nr);
        c211.intoArray(tile, to + 2 * tw + nr + l);
        c310.intoArray(tile, to + 3 * tw + nr);
        c311.intoArray(tile, to + 3 * tw + nr + l);
    }

    /**
     * 8 rows of op(A) (A read in place) against 1 sliver of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows8x1(double[] a, int ao, int rs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        DoubleVector c400 = DoubleVector.zero(s);
        DoubleVector c401 = DoubleVector.zero(s);
        DoubleVector c500 = DoubleVector.zero(s);
        DoubleVector c501 = DoubleVector.zero(s);
        DoubleVector c600 = DoubleVector.zero(s);
        DoubleVector c601 = DoubleVector.zero(s);
        DoubleVector c700 = DoubleVector.zero(s);
        DoubleVector c701 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + rs]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2 * rs]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3 * rs]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
            DoubleVector a4 = DoubleVector.broadcast(s, a[ai + 4 * rs]);
            c400 = a4.fma(b00, c400);
            c401 = a4.fma(b01, c401);
            DoubleVector a5 = DoubleVector.broadcast(s, a[ai + 5 * rs]);
            c500 = a5.fma(b00, c500);
            c501 = a5.fma(b01, c501);
            DoubleVector a6 = DoubleVector.broadcast(s, a[ai + 6 * rs]);
            c600 = a6.fma(b00, c600);
            c601 = a6.fma(b01, c601);
            DoubleVector a7 = DoubleVector.broadcast(s, a[ai + 7 * rs]);
            c700 = a7.fma(b00, c700);
            c701 = a7.fma(b01, c701);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
        c400.intoArray(tile, to + 4 * tw);
        c401.intoArray(tile, to + 4 * tw + l);
        c500.intoArray(tile, to + 5 * tw);
        c501.intoArray(tile, to + 5 * tw + l);
        c600.intoArray(tile, to + 6 * tw);
        c601.intoArray(tile, to + 6 * tw + l);
        c700.intoArray(tile, to + 7 * tw);
        c701.intoArray(tile, to + 7 * tw + l);
    }

    /**
     * 1 row of op(A) (A^T read in place, A's columns cs apart) against 1 sliver of packed B over kc
     * steps (2 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x1T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
    }

    /**
     * 1 row of op(A) (A^T read in place, A's columns cs apart) against 2 slivers of packed B over kc
     * steps (4 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x2T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
    }

    /**
     * 1 row of op(A) (A^T read in place, A's columns cs apart) against 4 slivers of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows1x4T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c020 = DoubleVector.zero(s);
        DoubleVector c021 = DoubleVector.zero(s);
        DoubleVector c030 = DoubleVector.zero(s);
        DoubleVector c031 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            DoubleVector b20 = DoubleVector.fromArray(s, b, bi + 2 * sl);
            DoubleVector b21 = DoubleVector.fromArray(s, b, bi + 2 * sl + l);
            DoubleVector b30 = DoubleVector.fromArray(s, b, bi + 3 * sl);
            DoubleVector b31 = DoubleVector.fromArray(s, b, bi + 3 * sl + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            c020 = a0.fma(b20, c020);
            c021 = a0.fma(b21, c021);
            c030 = a0.fma(b30, c030);
            c031 = a0.fma(b31, c031);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c020.intoArray(tile, to + 2 * nr);
        c021.intoArray(tile, to + 2 * nr + l);
        c030.intoArray(tile, to + 3 * nr);
        c031.intoArray(tile, to + 3 * nr + l);
    }

    /**
     * 2 rows of op(A) (A^T read in place, A's columns cs apart) against 1 sliver of packed B over kc
     * steps (4 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x1T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
    }

    /**
     * 2 rows of op(A) (A^T read in place, A's columns cs apart) against 2 slivers of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x2T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
    }

    /**
     * 2 rows of op(A) (A^T read in place, A's columns cs apart) against 4 slivers of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows2x4T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c020 = DoubleVector.zero(s);
        DoubleVector c021 = DoubleVector.zero(s);
        DoubleVector c030 = DoubleVector.zero(s);
        DoubleVector c031 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        DoubleVector c120 = DoubleVector.zero(s);
        DoubleVector c121 = DoubleVector.zero(s);
        DoubleVector c130 = DoubleVector.zero(s);
        DoubleVector c131 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            DoubleVector b20 = DoubleVector.fromArray(s, b, bi + 2 * sl);
            DoubleVector b21 = DoubleVector.fromArray(s, b, bi + 2 * sl + l);
            DoubleVector b30 = DoubleVector.fromArray(s, b, bi + 3 * sl);
            DoubleVector b31 = DoubleVector.fromArray(s, b, bi + 3 * sl + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            c020 = a0.fma(b20, c020);
            c021 = a0.fma(b21, c021);
            c030 = a0.fma(b30, c030);
            c031 = a0.fma(b31, c031);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
            c120 = a1.fma(b20, c120);
            c121 = a1.fma(b21, c121);
            c130 = a1.fma(b30, c130);
            c131 = a1.fma(b31, c131);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
        c020.intoArray(tile, to + 2 * nr);
        c021.intoArray(tile, to + 2 * nr + l);
        c120.intoArray(tile, to + tw + 2 * nr);
        c121.intoArray(tile, to + tw + 2 * nr + l);
        c030.intoArray(tile, to + 3 * nr);
        c031.intoArray(tile, to + 3 * nr + l);
        c130.intoArray(tile, to + tw + 3 * nr);
        c131.intoArray(tile, to + tw + 3 * nr + l);
    }

    /**
     * 4 rows of op(A) (A^T read in place, A's columns cs apart) against 1 sliver of packed B over kc
     * steps (8 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows4x1T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
    }

    /**
     * 4 rows of op(A) (A^T read in place, A's columns cs apart) against 2 slivers of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows4x2T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        int sl = nr * kc;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c010 = DoubleVector.zero(s);
        DoubleVector c011 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c110 = DoubleVector.zero(s);
        DoubleVector c111 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c210 = DoubleVector.zero(s);
        DoubleVector c211 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        DoubleVector c310 = DoubleVector.zero(s);
        DoubleVector c311 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            DoubleVector b10 = DoubleVector.fromArray(s, b, bi + sl);
            DoubleVector b11 = DoubleVector.fromArray(s, b, bi + sl + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            c010 = a0.fma(b10, c010);
            c011 = a0.fma(b11, c011);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            c110 = a1.fma(b10, c110);
            c111 = a1.fma(b11, c111);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            c210 = a2.fma(b10, c210);
            c211 = a2.fma(b11, c211);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
            c310 = a3.fma(b10, c310);
            c311 = a3.fma(b11, c311);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
        c010.intoArray(tile, to + nr);
        c011.intoArray(tile, to + nr + l);
        c110.intoArray(tile, to + tw + nr);
        c111.intoArray(tile, to + tw + nr + l);
        c210.intoArray(tile, to + 2 * tw + nr);
        c211.intoArray(tile, to + 2 * tw + nr + l);
        c310.intoArray(tile, to + 3 * tw + nr);
        c311.intoArray(tile, to + 3 * tw + nr + l);
    }

    /**
     * 8 rows of op(A) (A^T read in place, A's columns cs apart) against 1 sliver of packed B over kc
     * steps (16 accumulators); writes row r of sliver q to {@code tile} at {@code to + r * tw + q * NR}. See computeRows.
     */
    private void rows8x1T(double[] a, int ao, int cs, double[] b, int bo, int kc, double[] tile, int to, int tw) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int nr = 2 * l;
        DoubleVector c000 = DoubleVector.zero(s);
        DoubleVector c001 = DoubleVector.zero(s);
        DoubleVector c100 = DoubleVector.zero(s);
        DoubleVector c101 = DoubleVector.zero(s);
        DoubleVector c200 = DoubleVector.zero(s);
        DoubleVector c201 = DoubleVector.zero(s);
        DoubleVector c300 = DoubleVector.zero(s);
        DoubleVector c301 = DoubleVector.zero(s);
        DoubleVector c400 = DoubleVector.zero(s);
        DoubleVector c401 = DoubleVector.zero(s);
        DoubleVector c500 = DoubleVector.zero(s);
        DoubleVector c501 = DoubleVector.zero(s);
        DoubleVector c600 = DoubleVector.zero(s);
        DoubleVector c601 = DoubleVector.zero(s);
        DoubleVector c700 = DoubleVector.zero(s);
        DoubleVector c701 = DoubleVector.zero(s);
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * nr;
            DoubleVector b00 = DoubleVector.fromArray(s, b, bi);
            DoubleVector b01 = DoubleVector.fromArray(s, b, bi + l);
            int ai = ao + p * cs;
            DoubleVector a0 = DoubleVector.broadcast(s, a[ai]);
            c000 = a0.fma(b00, c000);
            c001 = a0.fma(b01, c001);
            DoubleVector a1 = DoubleVector.broadcast(s, a[ai + 1]);
            c100 = a1.fma(b00, c100);
            c101 = a1.fma(b01, c101);
            DoubleVector a2 = DoubleVector.broadcast(s, a[ai + 2]);
            c200 = a2.fma(b00, c200);
            c201 = a2.fma(b01, c201);
            DoubleVector a3 = DoubleVector.broadcast(s, a[ai + 3]);
            c300 = a3.fma(b00, c300);
            c301 = a3.fma(b01, c301);
            DoubleVector a4 = DoubleVector.broadcast(s, a[ai + 4]);
            c400 = a4.fma(b00, c400);
            c401 = a4.fma(b01, c401);
            DoubleVector a5 = DoubleVector.broadcast(s, a[ai + 5]);
            c500 = a5.fma(b00, c500);
            c501 = a5.fma(b01, c501);
            DoubleVector a6 = DoubleVector.broadcast(s, a[ai + 6]);
            c600 = a6.fma(b00, c600);
            c601 = a6.fma(b01, c601);
            DoubleVector a7 = DoubleVector.broadcast(s, a[ai + 7]);
            c700 = a7.fma(b00, c700);
            c701 = a7.fma(b01, c701);
        }
        c000.intoArray(tile, to);
        c001.intoArray(tile, to + l);
        c100.intoArray(tile, to + tw);
        c101.intoArray(tile, to + tw + l);
        c200.intoArray(tile, to + 2 * tw);
        c201.intoArray(tile, to + 2 * tw + l);
        c300.intoArray(tile, to + 3 * tw);
        c301.intoArray(tile, to + 3 * tw + l);
        c400.intoArray(tile, to + 4 * tw);
        c401.intoArray(tile, to + 4 * tw + l);
        c500.intoArray(tile, to + 5 * tw);
        c501.intoArray(tile, to + 5 * tw + l);
        c600.intoArray(tile, to + 6 * tw);
        c601.intoArray(tile, to + 6 * tw + l);
        c700.intoArray(tile, to + 7 * tw);
        c701.intoArray(tile, to + 7 * tw + l);
    }

    /** The permutes of {@link #transpose4}: per stage, the low result's lanes, then the high one's. */
    private static final double[] TRANSPOSE_4 = {0, 4, 2, 6, 1, 5, 3, 7, 0, 1, 4, 5, 2, 3, 6, 7};

    /**
     * 4 rows of B from {@code src} ({@code ldb} apart, 4 values each) into 4 rows of the packed op(B) = B^T
     * from {@code dst}, {@code nr} apart: a 4 x 4 transpose in 2 stages of two-vector permutes. Only
     * where vectors have 4 lanes. See packB.
     */
    private void transpose4(double[] b, int src, int ldb, double[] bp, int dst, int nr) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, b, src);
        DoubleVector v1 = DoubleVector.fromArray(s, b, src + ldb);
        DoubleVector v2 = DoubleVector.fromArray(s, b, src + 2 * ldb);
        DoubleVector v3 = DoubleVector.fromArray(s, b, src + 3 * ldb);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_4, 0);
        hi = DoubleVector.fromArray(s, TRANSPOSE_4, 4);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_4, 8);
        hi = DoubleVector.fromArray(s, TRANSPOSE_4, 12);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        v0.intoArray(bp, dst);
        v1.intoArray(bp, dst + nr);
        v2.intoArray(bp, dst + 2 * nr);
        v3.intoArray(bp, dst + 3 * nr);
    }

    /** The permutes of {@link #transpose8}: per stage, the low result's lanes, then the high one's. */
    private static final double[] TRANSPOSE_8 = {0, 8, 2, 10, 4, 12, 6, 14, 1, 9, 3, 11, 5, 13, 7, 15, 0, 1, 8, 9, 4, 5, 12, 13, 2, 3, 10, 11, 6, 7, 14, 15, 0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15};

    /**
     * 8 rows of B from {@code src} ({@code ldb} apart, 8 values each) into 8 rows of the packed op(B) = B^T
     * from {@code dst}, {@code nr} apart: a 8 x 8 transpose in 3 stages of two-vector permutes. Only
     * where vectors have 8 lanes. See packB.
     */
    private void transpose8(double[] b, int src, int ldb, double[] bp, int dst, int nr) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, b, src);
        DoubleVector v1 = DoubleVector.fromArray(s, b, src + ldb);
        DoubleVector v2 = DoubleVector.fromArray(s, b, src + 2 * ldb);
        DoubleVector v3 = DoubleVector.fromArray(s, b, src + 3 * ldb);
        DoubleVector v4 = DoubleVector.fromArray(s, b, src + 4 * ldb);
        DoubleVector v5 = DoubleVector.fromArray(s, b, src + 5 * ldb);
        DoubleVector v6 = DoubleVector.fromArray(s, b, src + 6 * ldb);
        DoubleVector v7 = DoubleVector.fromArray(s, b, src + 7 * ldb);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_8, 0);
        hi = DoubleVector.fromArray(s, TRANSPOSE_8, 8);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        t = lo.selectFrom(v4, v5);
        v5 = hi.selectFrom(v4, v5);
        v4 = t;
        t = lo.selectFrom(v6, v7);
        v7 = hi.selectFrom(v6, v7);
        v6 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_8, 16);
        hi = DoubleVector.fromArray(s, TRANSPOSE_8, 24);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        t = lo.selectFrom(v4, v6);
        v6 = hi.selectFrom(v4, v6);
        v4 = t;
        t = lo.selectFrom(v5, v7);
        v7 = hi.selectFrom(v5, v7);
        v5 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_8, 32);
        hi = DoubleVector.fromArray(s, TRANSPOSE_8, 40);
        t = lo.selectFrom(v0, v4);
        v4 = hi.selectFrom(v0, v4);
        v0 = t;
        t = lo.selectFrom(v1, v5);
        v5 = hi.selectFrom(v1, v5);
        v1 = t;
        t = lo.selectFrom(v2, v6);
        v6 = hi.selectFrom(v2, v6);
        v2 = t;
        t = lo.selectFrom(v3, v7);
        v7 = hi.selectFrom(v3, v7);
        v3 = t;
        v0.intoArray(bp, dst);
        v1.intoArray(bp, dst + nr);
        v2.intoArray(bp, dst + 2 * nr);
        v3.intoArray(bp, dst + 3 * nr);
        v4.intoArray(bp, dst + 4 * nr);
        v5.intoArray(bp, dst + 5 * nr);
        v6.intoArray(bp, dst + 6 * nr);
        v7.intoArray(bp, dst + 7 * nr);
    }

    /** The permutes of {@link #transpose16}: per stage, the low result's lanes, then the high one's. */
    private static final double[] TRANSPOSE_16 = {0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30, 1, 17, 3, 19, 5, 21, 7, 23, 9, 25, 11, 27, 13, 29, 15, 31, 0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31};

    /**
     * 16 rows of B from {@code src} ({@code ldb} apart, 16 values each) into 16 rows of the packed op(B) = B^T
     * from {@code dst}, {@code nr} apart: a 16 x 16 transpose in 4 stages of two-vector permutes. Only
     * where vectors have 16 lanes. See packB.
     */
    private void transpose16(double[] b, int src, int ldb, double[] bp, int dst, int nr) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, b, src);
        DoubleVector v1 = DoubleVector.fromArray(s, b, src + ldb);
        DoubleVector v2 = DoubleVector.fromArray(s, b, src + 2 * ldb);
        DoubleVector v3 = DoubleVector.fromArray(s, b, src + 3 * ldb);
        DoubleVector v4 = DoubleVector.fromArray(s, b, src + 4 * ldb);
        DoubleVector v5 = DoubleVector.fromArray(s, b, src + 5 * ldb);
        DoubleVector v6 = DoubleVector.fromArray(s, b, src + 6 * ldb);
        DoubleVector v7 = DoubleVector.fromArray(s, b, src + 7 * ldb);
        DoubleVector v8 = DoubleVector.fromArray(s, b, src + 8 * ldb);
        DoubleVector v9 = DoubleVector.fromArray(s, b, src + 9 * ldb);
        DoubleVector v10 = DoubleVector.fromArray(s, b, src + 10 * ldb);
        DoubleVector v11 = DoubleVector.fromArray(s, b, src + 11 * ldb);
        DoubleVector v12 = DoubleVector.fromArray(s, b, src + 12 * ldb);
        DoubleVector v13 = DoubleVector.fromArray(s, b, src + 13 * ldb);
        DoubleVector v14 = DoubleVector.fromArray(s, b, src + 14 * ldb);
        DoubleVector v15 = DoubleVector.fromArray(s, b, src + 15 * ldb);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_16, 0);
        hi = DoubleVector.fromArray(s, TRANSPOSE_16, 16);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        t = lo.selectFrom(v4, v5);
        v5 = hi.selectFrom(v4, v5);
        v4 = t;
        t = lo.selectFrom(v6, v7);
        v7 = hi.selectFrom(v6, v7);
        v6 = t;
        t = lo.selectFrom(v8, v9);
        v9 = hi.selectFrom(v8, v9);
        v8 = t;
        t = lo.selectFrom(v10, v11);
        v11 = hi.selectFrom(v10, v11);
        v10 = t;
        t = lo.selectFrom(v12, v13);
        v13 = hi.selectFrom(v12, v13);
        v12 = t;
        t = lo.selectFrom(v14, v15);
        v15 = hi.selectFrom(v14, v15);
        v14 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_16, 32);
        hi = DoubleVector.fromArray(s, TRANSPOSE_16, 48);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        t = lo.selectFrom(v4, v6);
        v6 = hi.selectFrom(v4, v6);
        v4 = t;
        t = lo.selectFrom(v5, v7);
        v7 = hi.selectFrom(v5, v7);
        v5 = t;
        t = lo.selectFrom(v8, v10);
        v10 = hi.selectFrom(v8, v10);
        v8 = t;
        t = lo.selectFrom(v9, v11);
        v11 = hi.selectFrom(v9, v11);
        v9 = t;
        t = lo.selectFrom(v12, v14);
        v14 = hi.selectFrom(v12, v14);
        v12 = t;
        t = lo.selectFrom(v13, v15);
        v15 = hi.selectFrom(v13, v15);
        v13 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_16, 64);
        hi = DoubleVector.fromArray(s, TRANSPOSE_16, 80);
        t = lo.selectFrom(v0, v4);
        v4 = hi.selectFrom(v0, v4);
        v0 = t;
        t = lo.selectFrom(v1, v5);
        v5 = hi.selectFrom(v1, v5);
        v1 = t;
        t = lo.selectFrom(v2, v6);
        v6 = hi.selectFrom(v2, v6);
        v2 = t;
        t = lo.selectFrom(v3, v7);
        v7 = hi.selectFrom(v3, v7);
        v3 = t;
        t = lo.selectFrom(v8, v12);
        v12 = hi.selectFrom(v8, v12);
        v8 = t;
        t = lo.selectFrom(v9, v13);
        v13 = hi.selectFrom(v9, v13);
        v9 = t;
        t = lo.selectFrom(v10, v14);
        v14 = hi.selectFrom(v10, v14);
        v10 = t;
        t = lo.selectFrom(v11, v15);
        v15 = hi.selectFrom(v11, v15);
        v11 = t;
        lo = DoubleVector.fromArray(s, TRANSPOSE_16, 96);
        hi = DoubleVector.fromArray(s, TRANSPOSE_16, 112);
        t = lo.selectFrom(v0, v8);
        v8 = hi.selectFrom(v0, v8);
        v0 = t;
        t = lo.selectFrom(v1, v9);
        v9 = hi.selectFrom(v1, v9);
        v1 = t;
        t = lo.selectFrom(v2, v10);
        v10 = hi.selectFrom(v2, v10);
        v2 = t;
        t = lo.selectFrom(v3, v11);
        v11 = hi.selectFrom(v3, v11);
        v3 = t;
        t = lo.selectFrom(v4, v12);
        v12 = hi.selectFrom(v4, v12);
        v4 = t;
        t = lo.selectFrom(v5, v13);
        v13 = hi.selectFrom(v5, v13);
        v5 = t;
        t = lo.selectFrom(v6, v14);
        v14 = hi.selectFrom(v6, v14);
        v6 = t;
        t = lo.selectFrom(v7, v15);
        v15 = hi.selectFrom(v7, v15);
        v7 = t;
        v0.intoArray(bp, dst);
        v1.intoArray(bp, dst + nr);
        v2.intoArray(bp, dst + 2 * nr);
        v3.intoArray(bp, dst + 3 * nr);
        v4.intoArray(bp, dst + 4 * nr);
        v5.intoArray(bp, dst + 5 * nr);
        v6.intoArray(bp, dst + 6 * nr);
        v7.intoArray(bp, dst + 7 * nr);
        v8.intoArray(bp, dst + 8 * nr);
        v9.intoArray(bp, dst + 9 * nr);
        v10.intoArray(bp, dst + 10 * nr);
        v11.intoArray(bp, dst + 11 * nr);
        v12.intoArray(bp, dst + 12 * nr);
        v13.intoArray(bp, dst + 13 * nr);
        v14.intoArray(bp, dst + 14 * nr);
        v15.intoArray(bp, dst + 15 * nr);
    }

    /** The permutes of {@link #interleave8x4}: per stage the low result's lanes, then the high one's; then the lane order. */
    private static final double[] INTERLEAVE_4 = {0, 4, 2, 6, 1, 5, 3, 7, 0, 1, 4, 5, 2, 3, 6, 7};

    /**
     * 8 rows of A from {@code src} ({@code lda} apart, 4 values each) into 4 packed columns of 8 values
     * from {@code dst}: 2 stages of two-vector permutes. Only where vectors have 4 lanes. See packA.
     */
    private void interleave8x4(double[] a, int src, int lda, double[] ap, int dst) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, a, src);
        DoubleVector v1 = DoubleVector.fromArray(s, a, src + lda);
        DoubleVector v2 = DoubleVector.fromArray(s, a, src + 2 * lda);
        DoubleVector v3 = DoubleVector.fromArray(s, a, src + 3 * lda);
        DoubleVector v4 = DoubleVector.fromArray(s, a, src + 4 * lda);
        DoubleVector v5 = DoubleVector.fromArray(s, a, src + 5 * lda);
        DoubleVector v6 = DoubleVector.fromArray(s, a, src + 6 * lda);
        DoubleVector v7 = DoubleVector.fromArray(s, a, src + 7 * lda);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_4, 0);
        hi = DoubleVector.fromArray(s, INTERLEAVE_4, 4);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        t = lo.selectFrom(v4, v5);
        v5 = hi.selectFrom(v4, v5);
        v4 = t;
        t = lo.selectFrom(v6, v7);
        v7 = hi.selectFrom(v6, v7);
        v6 = t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_4, 8);
        hi = DoubleVector.fromArray(s, INTERLEAVE_4, 12);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        t = lo.selectFrom(v4, v6);
        v6 = hi.selectFrom(v4, v6);
        v4 = t;
        t = lo.selectFrom(v5, v7);
        v7 = hi.selectFrom(v5, v7);
        v5 = t;
        v0.intoArray(ap, dst);
        v1.intoArray(ap, dst + 8);
        v2.intoArray(ap, dst + 16);
        v3.intoArray(ap, dst + 24);
        v4.intoArray(ap, dst + 4);
        v5.intoArray(ap, dst + 12);
        v6.intoArray(ap, dst + 20);
        v7.intoArray(ap, dst + 28);
    }

    /** The permutes of {@link #interleave8x8}: per stage the low result's lanes, then the high one's; then the lane order. */
    private static final double[] INTERLEAVE_8 = {0, 8, 2, 10, 4, 12, 6, 14, 1, 9, 3, 11, 5, 13, 7, 15, 0, 1, 8, 9, 4, 5, 12, 13, 2, 3, 10, 11, 6, 7, 14, 15, 0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15};

    /**
     * 8 rows of A from {@code src} ({@code lda} apart, 8 values each) into 8 packed columns of 8 values
     * from {@code dst}: 3 stages of two-vector permutes. Only where vectors have 8 lanes. See packA.
     */
    private void interleave8x8(double[] a, int src, int lda, double[] ap, int dst) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, a, src);
        DoubleVector v1 = DoubleVector.fromArray(s, a, src + lda);
        DoubleVector v2 = DoubleVector.fromArray(s, a, src + 2 * lda);
        DoubleVector v3 = DoubleVector.fromArray(s, a, src + 3 * lda);
        DoubleVector v4 = DoubleVector.fromArray(s, a, src + 4 * lda);
        DoubleVector v5 = DoubleVector.fromArray(s, a, src + 5 * lda);
        DoubleVector v6 = DoubleVector.fromArray(s, a, src + 6 * lda);
        DoubleVector v7 = DoubleVector.fromArray(s, a, src + 7 * lda);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_8, 0);
        hi = DoubleVector.fromArray(s, INTERLEAVE_8, 8);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        t = lo.selectFrom(v4, v5);
        v5 = hi.selectFrom(v4, v5);
        v4 = t;
        t = lo.selectFrom(v6, v7);
        v7 = hi.selectFrom(v6, v7);
        v6 = t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_8, 16);
        hi = DoubleVector.fromArray(s, INTERLEAVE_8, 24);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        t = lo.selectFrom(v4, v6);
        v6 = hi.selectFrom(v4, v6);
        v4 = t;
        t = lo.selectFrom(v5, v7);
        v7 = hi.selectFrom(v5, v7);
        v5 = t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_8, 32);
        hi = DoubleVector.fromArray(s, INTERLEAVE_8, 40);
        t = lo.selectFrom(v0, v4);
        v4 = hi.selectFrom(v0, v4);
        v0 = t;
        t = lo.selectFrom(v1, v5);
        v5 = hi.selectFrom(v1, v5);
        v1 = t;
        t = lo.selectFrom(v2, v6);
        v6 = hi.selectFrom(v2, v6);
        v2 = t;
        t = lo.selectFrom(v3, v7);
        v7 = hi.selectFrom(v3, v7);
        v3 = t;
        v0.intoArray(ap, dst);
        v1.intoArray(ap, dst + 8);
        v2.intoArray(ap, dst + 16);
        v3.intoArray(ap, dst + 24);
        v4.intoArray(ap, dst + 32);
        v5.intoArray(ap, dst + 40);
        v6.intoArray(ap, dst + 48);
        v7.intoArray(ap, dst + 56);
    }

    /** The permutes of {@link #interleave8x16}: per stage the low result's lanes, then the high one's; then the lane order. */
    private static final double[] INTERLEAVE_16 = {0, 1, 16, 17, 4, 5, 20, 21, 8, 9, 24, 25, 12, 13, 28, 29, 2, 3, 18, 19, 6, 7, 22, 23, 10, 11, 26, 27, 14, 15, 30, 31, 0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 24, 25, 26, 27, 4, 5, 6, 7, 20, 21, 22, 23, 12, 13, 14, 15, 28, 29, 30, 31, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31, 0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15};

    /**
     * 8 rows of A from {@code src} ({@code lda} apart, 16 values each) into 16 packed columns of 8 values
     * from {@code dst}: 3 stages of two-vector permutes, one lane permute. Only where vectors have 16 lanes. See packA.
     */
    private void interleave8x16(double[] a, int src, int lda, double[] ap, int dst) {
        VectorSpecies<Double> s = sp();
        DoubleVector v0 = DoubleVector.fromArray(s, a, src);
        DoubleVector v1 = DoubleVector.fromArray(s, a, src + lda);
        DoubleVector v2 = DoubleVector.fromArray(s, a, src + 2 * lda);
        DoubleVector v3 = DoubleVector.fromArray(s, a, src + 3 * lda);
        DoubleVector v4 = DoubleVector.fromArray(s, a, src + 4 * lda);
        DoubleVector v5 = DoubleVector.fromArray(s, a, src + 5 * lda);
        DoubleVector v6 = DoubleVector.fromArray(s, a, src + 6 * lda);
        DoubleVector v7 = DoubleVector.fromArray(s, a, src + 7 * lda);
        DoubleVector lo;
        DoubleVector hi;
        DoubleVector t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_16, 0);
        hi = DoubleVector.fromArray(s, INTERLEAVE_16, 16);
        t = lo.selectFrom(v0, v1);
        v1 = hi.selectFrom(v0, v1);
        v0 = t;
        t = lo.selectFrom(v2, v3);
        v3 = hi.selectFrom(v2, v3);
        v2 = t;
        t = lo.selectFrom(v4, v5);
        v5 = hi.selectFrom(v4, v5);
        v4 = t;
        t = lo.selectFrom(v6, v7);
        v7 = hi.selectFrom(v6, v7);
        v6 = t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_16, 32);
        hi = DoubleVector.fromArray(s, INTERLEAVE_16, 48);
        t = lo.selectFrom(v0, v2);
        v2 = hi.selectFrom(v0, v2);
        v0 = t;
        t = lo.selectFrom(v1, v3);
        v3 = hi.selectFrom(v1, v3);
        v1 = t;
        t = lo.selectFrom(v4, v6);
        v6 = hi.selectFrom(v4, v6);
        v4 = t;
        t = lo.selectFrom(v5, v7);
        v7 = hi.selectFrom(v5, v7);
        v5 = t;
        lo = DoubleVector.fromArray(s, INTERLEAVE_16, 64);
        hi = DoubleVector.fromArray(s, INTERLEAVE_16, 80);
        t = lo.selectFrom(v0, v4);
        v4 = hi.selectFrom(v0, v4);
        v0 = t;
        t = lo.selectFrom(v1, v5);
        v5 = hi.selectFrom(v1, v5);
        v1 = t;
        t = lo.selectFrom(v2, v6);
        v6 = hi.selectFrom(v2, v6);
        v2 = t;
        t = lo.selectFrom(v3, v7);
        v7 = hi.selectFrom(v3, v7);
        v3 = t;
        DoubleVector order = DoubleVector.fromArray(s, INTERLEAVE_16, 96);
        order.selectFrom(v0).intoArray(ap, dst);
        order.selectFrom(v1).intoArray(ap, dst + 16);
        order.selectFrom(v2).intoArray(ap, dst + 32);
        order.selectFrom(v3).intoArray(ap, dst + 48);
        order.selectFrom(v4).intoArray(ap, dst + 64);
        order.selectFrom(v5).intoArray(ap, dst + 80);
        order.selectFrom(v6).intoArray(ap, dst + 96);
        order.selectFrom(v7).intoArray(ap, dst + 112);
    }
}
