package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.HostTensor;
import java.util.concurrent.locks.ReentrantLock;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The float64 operations on host tensors, at one vector width (a subclass per width). */
abstract class F64Ops extends F64Gemm implements TypedOps {
    private final WorkerPool pool;
    private final GemmTask task = new GemmTask();
    /** Who may use {@link #task} and the pool now; a caller that finds it held runs on its own thread. */
    private final ReentrantLock taskLock = new ReentrantLock();
    /** Which products run in the register block; the others (and all of fewer than MR rows) in row groups. */
    private final GemmPlan plan;
    /** Products of fewer multiply-adds stay on the calling thread (see {@link GemmSplit#parts}). */
    private final long parallelMinFmas;

    F64Ops(WorkerPool pool, GemmPlan plan) {
        super(plan);
        this.pool = pool;
        this.plan = plan;
        this.parallelMinFmas = plan.parallelMinFmas();
    }

    static F64Ops create(int bits, WorkerPool pool, GemmPlan plan) {
        return switch (bits) {
            case 128 -> new W128(pool, plan);
            case 256 -> new W256(pool, plan);
            case 512 -> new W512(pool, plan);
            default -> throw new IllegalArgumentException("unsupported vector width " + bits);
        };
    }

    @Override
    final Workspace workspace() {
        return pool.localWorkspace();
    }

    @Override
    public final int bits() {
        return sp().vectorBitSize();
    }

    @Override
    public final void gemm(boolean transA, boolean transB, double alpha, HostTensor a, HostTensor b, double beta,
                           HostTensor c, HostTensor bias, Activation act) {
        product(transA, transB, (double) alpha, a, b, null, (double) beta, c, bias, act);
    }

    @Override
    public final void dense(HostTensor x, HostTensor w, HostTensor bias, Activation act, HostTensor out) {
        product(false, true, 1, x, w, packedWeight(w, w.cols(), w.rows()), 0, out, bias, act);
    }

    /**
     * The weight w as op(B) = w^T packed whole for this width, when a packed copy of its current
     * version is kept or w is used a second time at this version (see {@link PackedWeight}); null
     * when the caller should pack per call.
     */
    private double[] packedWeight(HostTensor w, int k, int n) {
        PackedWeight slot = PackedWeight.of(w, nr());
        long version = w.version();
        Object kept = slot.get(version);
        if (kept != null) {
            return (double[]) kept;
        }
        if (!slot.reused(version)) {
            return null;
        }
        double[] packed = new double[packedSize(k, n)];
        packWhole(true, w.doubleArrayForReading(), w.offset(), w.cols(), k, n, packed);
        slot.put(version, packed);
        return packed;
    }

    /**
     * C = act(alpha op(A) op(B) + beta C + bias), with B already packed whole when {@code packed} is
     * not null. The register block ({@link #compute}) for products the plan
     * gives it ({@link GemmPlan#blockFrom()}), row groups ({@link #computeRows}) for the rest and for
     * fewer than MR rows. Products
     * big enough are split over the pool (see {@link GemmSplit}); one row never is. Every path and
     * split gives the same bits.
     */
    private void product(boolean transA, boolean transB, double alpha, HostTensor a, HostTensor b, double[] packed,
                         double beta, HostTensor c, HostTensor bias, Activation act) {
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        Activation tileAct = act.isRowWise() ? Activation.IDENTITY : act;
        double[] biasArr = bias == null ? null : bias.doubleArrayForReading();
        int biasOff = bias == null ? 0 : bias.offset();
        double[] cArr = c.doubleArray();
        boolean rowGroups = m < MR || !plan.registerBlock(m, n, k);
        // A packed B costs no part anything, so those split by rows.
        boolean byRows = packed != null || (rowGroups ? GemmSplit.rowGroupsByRows(m, n, pool.threads(), nr())
                : GemmSplit.byRows(m, n, k, pool.threads(), transB));
        int unit = rowGroups ? rowGroup : MR;
        int parts = GemmSplit.parts(m, n, k, GemmSplit.epilogueFmas(act), pool.threads(), parallelMinFmas, byRows,
                unit, nr());
        // Split by rows, each part finishes its own rows' row-wise activation (rows are independent).
        Activation partRowAct = parts > 1 && byRows && act.isRowWise() ? act : Activation.IDENTITY;
        if (parts == 1 && rowGroups) {
            computeRows(transA, transB, alpha, a.doubleArrayForReading(), a.offset(), a.cols(),
                    b.doubleArrayForReading(), b.offset(), b.cols(), packed, beta, cArr, c.offset(), n, 0, m, 0, n, n, k,
                    biasArr, biasOff, tileAct, pool.localWorkspace());
        } else if (parts == 1) {
            compute(transA, transB, alpha, a.doubleArrayForReading(), a.offset(), a.cols(), b.doubleArrayForReading(),
                    b.offset(), b.cols(), packed, n, beta, cArr, c.offset(), n, k, 0, m, 0, n, biasArr, biasOff,
                    tileAct, pool.localWorkspace());
        } else if (taskLock.tryLock()) {
            try {
                task.set(transA, transB, alpha, a, b, packed, beta, c, k, biasArr, biasOff, tileAct, partRowAct, rowGroups, byRows,
                        GemmSplit.chunk(m, n, parts, byRows, unit, nr()));
                pool.run(parts, task);
            } finally {
                task.clear();
                taskLock.unlock();
            }
        } else {
            // Another caller has the pool: its threads are busy, so waiting would only queue this
            // product behind that one. The parts run here instead, one after another: the same bits.
            Workspace ws = pool.localWorkspace();
            GemmTask own = new GemmTask();
            own.set(transA, transB, alpha, a, b, packed, beta, c, k, biasArr, biasOff, tileAct, partRowAct, rowGroups, byRows,
                    GemmSplit.chunk(m, n, parts, byRows, unit, nr()));
            for (int p = 0; p < parts; p++) {
                own.runPart(p, ws);
            }
        }
        if (act.isRowWise() && partRowAct == Activation.IDENTITY) {
            activationForward(act, c, c);
        }
    }

    /** One parallel GEMM's arguments; reused so that dispatch allocates nothing. */
    private final class GemmTask implements ParallelTask {
        private boolean transA;
        private boolean transB;
        private double alpha;
        private double beta;
        private double[] a;
        private int ao;
        private int lda;
        private double[] b;
        private int bo;
        private int ldb;
        private double[] packed;
        private double[] c;
        private int co;
        private int m;
        private int n;
        private int k;
        private double[] bias;
        private int biasOff;
        private Activation act;
        /** A row-wise activation each part applies to its rows once they are complete, or IDENTITY. */
        private Activation rowAct;
        private boolean rowGroups;
        private boolean byRows;
        private int chunk;

        void set(boolean transA, boolean transB, double alpha, HostTensor a, HostTensor b, double[] packed, double beta,
                 HostTensor c, int k, double[] bias, int biasOff, Activation act, Activation rowAct, boolean rowGroups,
                 boolean byRows, int chunk) {
            this.transA = transA;
            this.transB = transB;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a.doubleArrayForReading();
            this.ao = a.offset();
            this.lda = a.cols();
            this.b = b.doubleArrayForReading();
            this.bo = b.offset();
            this.ldb = b.cols();
            this.packed = packed;
            this.c = c.doubleArrayForReading(); // the caller has counted the write
            this.co = c.offset();
            this.m = c.rows();
            this.n = c.cols();
            this.k = k;
            this.bias = bias;
            this.biasOff = biasOff;
            this.act = act;
            this.rowAct = rowAct;
            this.rowGroups = rowGroups;
            this.byRows = byRows;
            this.chunk = chunk;
        }

        void clear() {
            a = null;
            b = null;
            packed = null;
            c = null;
            bias = null;
        }

        @Override
        public void runPart(int part, Workspace ws) {
            int from = part * chunk;
            int to = Math.min(m, from + chunk);
            if (rowGroups && byRows) {
                computeRows(transA, transB, alpha, a, ao, lda, b, bo, ldb, packed, beta, c, co, n, from, to, 0, n, n,
                        k, bias, biasOff, act, ws);
            } else if (rowGroups) {
                computeRows(transA, transB, alpha, a, ao, lda, b, bo, ldb, packed, beta, c, co, n, 0, m, from,
                        Math.min(n, from + chunk), n, k, bias, biasOff, act, ws);
            } else if (byRows) {
                compute(transA, transB, alpha, a, ao, lda, b, bo, ldb, packed, n, beta, c, co, n, k, from, to, 0, n,
                        bias, biasOff, act, ws);
            } else {
                compute(transA, transB, alpha, a, ao, lda, b, bo, ldb, packed, n, beta, c, co, n, k, 0, m, from,
                        Math.min(n, from + chunk), bias, biasOff, act, ws);
            }
            if (rowAct != Activation.IDENTITY && from < to) {
                activationForward(rowAct, c, co + from * n, c, co + from * n, to - from, n);
            }
        }
    }

    @Override
    public final void addRowVector(HostTensor bias, HostTensor z) {
        addRowVector(bias.doubleArray(), bias.offset(), z.doubleArray(), z.offset(), z.rows(), z.cols());
    }

    @Override
    public final void columnSums(HostTensor g, HostTensor out) {
        columnSums(g.doubleArray(), g.offset(), g.rows(), g.cols(), out.doubleArray(), out.offset());
    }

    @Override
    public final void activationForward(Activation act, HostTensor z, HostTensor a) {
        activationForward(act, z.doubleArray(), z.offset(), a.doubleArray(), a.offset(), z.rows(), z.cols());
    }

    @Override
    public final void activationBackward(Activation act, HostTensor a, HostTensor gradA, HostTensor gradZ) {
        activationBackward(act, a.doubleArray(), a.offset(), gradA.doubleArray(), gradA.offset(), gradZ.doubleArray(),
                gradZ.offset(), a.rows(), a.cols());
    }

    @Override
    public final void backwardAndColumnSums(Activation act, HostTensor a, HostTensor g, HostTensor sums) {
        backwardAndColumnSums(act, a.doubleArray(), a.offset(), g.doubleArray(), g.offset(), g.rows(), g.cols(),
                sums.doubleArray(), sums.offset());
    }

    @Override
    public final double loss(LossKind kind, HostTensor pred, HostTensor target, boolean indices) {
        return loss(kind, pred.doubleArray(), pred.offset(), target.doubleArray(), target.offset(), pred.rows(),
                pred.cols(), indices);
    }

    @Override
    public final void lossGradient(LossKind kind, HostTensor pred, HostTensor target, HostTensor grad,
                                   boolean indices) {
        lossGradient(kind, pred.doubleArray(), pred.offset(), target.doubleArray(), target.offset(), grad.doubleArray(),
                grad.offset(), pred.rows(), pred.cols(), indices);
    }

    @Override
    public final long countCorrect(HostTensor pred, HostTensor target, boolean indices) {
        return countCorrect(pred.doubleArray(), pred.offset(), target.doubleArray(), target.offset(), pred.rows(),
                pred.cols(), indices);
    }

    @Override
    public final void sgd(HostTensor param, HostTensor grad, HostTensor buffer, SgdParams p, boolean firstStep,
                          int from, int to) {
        sgd(param.doubleArray(), param.offset() + from, grad.doubleArray(), grad.offset() + from,
                buffer == null ? null : buffer.doubleArray(), buffer == null ? 0 : buffer.offset() + from,
                to - from, p, firstStep);
    }

    @Override
    public final void adam(HostTensor param, HostTensor grad, HostTensor m, HostTensor v, AdamParams p, long step,
                           int from, int to) {
        adam(param.doubleArray(), param.offset() + from, grad.doubleArray(), grad.offset() + from, m.doubleArray(),
                m.offset() + from, v.doubleArray(), v.offset() + from, to - from, p, step);
    }

    static final class W128 extends F64Ops {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_128;

        W128(WorkerPool pool, GemmPlan plan) {
            super(pool, plan);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }

    static final class W256 extends F64Ops {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

        W256(WorkerPool pool, GemmPlan plan) {
            super(pool, plan);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }

    static final class W512 extends F64Ops {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;

        W512(WorkerPool pool, GemmPlan plan) {
            super(pool, plan);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }
}
