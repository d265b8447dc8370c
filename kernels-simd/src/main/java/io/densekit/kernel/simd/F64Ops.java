package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.HostTensor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** The double64 operations on host tensors, at one vector width (a subclass per width). */
abstract class F64Ops extends F64Gemm implements TypedOps {
    private final WorkerPool pool;
    private final GemmTask task = new GemmTask();

    F64Ops(WorkerPool pool) {
        this.pool = pool;
    }

    static F64Ops create(int bits, WorkerPool pool) {
        return switch (bits) {
            case 128 -> new W128(pool);
            case 256 -> new W256(pool);
            case 512 -> new W512(pool);
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
        int m = c.rows();
        int n = c.cols();
        int k = transA ? a.rows() : a.cols();
        Activation tileAct = act.isRowWise() ? Activation.IDENTITY : act;
        double[] biasArr = bias == null ? null : bias.doubleArray();
        int biasOff = bias == null ? 0 : bias.offset();
        boolean byRows = GemmSplit.byRows(m, n, k, pool.threads(), transB);
        int parts = GemmSplit.parts(m, n, k, pool.threads(), byRows, MR, nr());
        if (parts == 1) {
            compute(transA, transB, (double) alpha, a.doubleArray(), a.offset(), a.cols(), b.doubleArray(), b.offset(),
                    b.cols(), (double) beta, c.doubleArray(), c.offset(), n, k, 0, m, 0, n, biasArr, biasOff, tileAct,
                    pool.localWorkspace());
        } else {
            synchronized (task) {
                task.set(transA, transB, (double) alpha, a, b, (double) beta, c, k, biasArr, biasOff, tileAct,
                        byRows, GemmSplit.chunk(m, n, parts, byRows, MR, nr()));
                try {
                    pool.run(parts, task);
                } finally {
                    task.clear();
                }
            }
        }
        if (act.isRowWise()) {
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
        private double[] c;
        private int co;
        private int m;
        private int n;
        private int k;
        private double[] bias;
        private int biasOff;
        private Activation act;
        private boolean byRows;
        private int chunk;

        void set(boolean transA, boolean transB, double alpha, HostTensor a, HostTensor b, double beta, HostTensor c,
                 int k, double[] bias, int biasOff, Activation act, boolean byRows, int chunk) {
            this.transA = transA;
            this.transB = transB;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a.doubleArray();
            this.ao = a.offset();
            this.lda = a.cols();
            this.b = b.doubleArray();
            this.bo = b.offset();
            this.ldb = b.cols();
            this.c = c.doubleArray();
            this.co = c.offset();
            this.m = c.rows();
            this.n = c.cols();
            this.k = k;
            this.bias = bias;
            this.biasOff = biasOff;
            this.act = act;
            this.byRows = byRows;
            this.chunk = chunk;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
            bias = null;
        }

        @Override
        public void runPart(int part, Workspace ws) {
            int from = part * chunk;
            if (byRows) {
                compute(transA, transB, alpha, a, ao, lda, b, bo, ldb, beta, c, co, n, k, from,
                        Math.min(m, from + chunk), 0, n, bias, biasOff, act, ws);
            } else {
                compute(transA, transB, alpha, a, ao, lda, b, bo, ldb, beta, c, co, n, k, 0, m, from,
                        Math.min(n, from + chunk), bias, biasOff, act, ws);
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

        W128(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }

    static final class W256 extends F64Ops {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

        W256(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }

    static final class W512 extends F64Ops {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;

        W512(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Double> sp() {
            return S;
        }
    }
}
