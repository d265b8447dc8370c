package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.HostTensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The float32 operations on host tensors, at one vector width (a subclass per width). */
abstract class F32Ops extends F32Gemm implements TypedOps {
    private final WorkerPool pool;
    private final GemmTask task = new GemmTask();

    F32Ops(WorkerPool pool) {
        this.pool = pool;
    }

    static F32Ops create(int bits, WorkerPool pool) {
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
        float[] biasArr = bias == null ? null : bias.floatArray();
        int biasOff = bias == null ? 0 : bias.offset();
        boolean byRows = GemmSplit.byRows(m, n, k, pool.threads(), transB);
        int parts = GemmSplit.parts(m, n, k, pool.threads(), byRows, MR, nr());
        if (parts == 1) {
            compute(transA, transB, (float) alpha, a.floatArray(), a.offset(), a.cols(), b.floatArray(), b.offset(),
                    b.cols(), (float) beta, c.floatArray(), c.offset(), n, k, 0, m, 0, n, biasArr, biasOff, tileAct,
                    pool.localWorkspace());
        } else {
            synchronized (task) {
                task.set(transA, transB, (float) alpha, a, b, (float) beta, c, k, biasArr, biasOff, tileAct,
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
        private float alpha;
        private float beta;
        private float[] a;
        private int ao;
        private int lda;
        private float[] b;
        private int bo;
        private int ldb;
        private float[] c;
        private int co;
        private int m;
        private int n;
        private int k;
        private float[] bias;
        private int biasOff;
        private Activation act;
        private boolean byRows;
        private int chunk;

        void set(boolean transA, boolean transB, float alpha, HostTensor a, HostTensor b, float beta, HostTensor c,
                 int k, float[] bias, int biasOff, Activation act, boolean byRows, int chunk) {
            this.transA = transA;
            this.transB = transB;
            this.alpha = alpha;
            this.beta = beta;
            this.a = a.floatArray();
            this.ao = a.offset();
            this.lda = a.cols();
            this.b = b.floatArray();
            this.bo = b.offset();
            this.ldb = b.cols();
            this.c = c.floatArray();
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
        addRowVector(bias.floatArray(), bias.offset(), z.floatArray(), z.offset(), z.rows(), z.cols());
    }

    @Override
    public final void columnSums(HostTensor g, HostTensor out) {
        columnSums(g.floatArray(), g.offset(), g.rows(), g.cols(), out.floatArray(), out.offset());
    }

    @Override
    public final void activationForward(Activation act, HostTensor z, HostTensor a) {
        activationForward(act, z.floatArray(), z.offset(), a.floatArray(), a.offset(), z.rows(), z.cols());
    }

    @Override
    public final void activationBackward(Activation act, HostTensor a, HostTensor gradA, HostTensor gradZ) {
        activationBackward(act, a.floatArray(), a.offset(), gradA.floatArray(), gradA.offset(), gradZ.floatArray(),
                gradZ.offset(), a.rows(), a.cols());
    }

    @Override
    public final void backwardAndColumnSums(Activation act, HostTensor a, HostTensor g, HostTensor sums) {
        backwardAndColumnSums(act, a.floatArray(), a.offset(), g.floatArray(), g.offset(), g.rows(), g.cols(),
                sums.floatArray(), sums.offset());
    }

    @Override
    public final double loss(LossKind kind, HostTensor pred, HostTensor target, boolean indices) {
        return loss(kind, pred.floatArray(), pred.offset(), target.floatArray(), target.offset(), pred.rows(),
                pred.cols(), indices);
    }

    @Override
    public final void lossGradient(LossKind kind, HostTensor pred, HostTensor target, HostTensor grad,
                                   boolean indices) {
        lossGradient(kind, pred.floatArray(), pred.offset(), target.floatArray(), target.offset(), grad.floatArray(),
                grad.offset(), pred.rows(), pred.cols(), indices);
    }

    @Override
    public final long countCorrect(HostTensor pred, HostTensor target, boolean indices) {
        return countCorrect(pred.floatArray(), pred.offset(), target.floatArray(), target.offset(), pred.rows(),
                pred.cols(), indices);
    }

    @Override
    public final void sgd(HostTensor param, HostTensor grad, HostTensor buffer, SgdParams p, boolean firstStep,
                          int from, int to) {
        sgd(param.floatArray(), param.offset() + from, grad.floatArray(), grad.offset() + from,
                buffer == null ? null : buffer.floatArray(), buffer == null ? 0 : buffer.offset() + from,
                to - from, p, firstStep);
    }

    @Override
    public final void adam(HostTensor param, HostTensor grad, HostTensor m, HostTensor v, AdamParams p, long step,
                           int from, int to) {
        adam(param.floatArray(), param.offset() + from, grad.floatArray(), grad.offset() + from, m.floatArray(),
                m.offset() + from, v.floatArray(), v.offset() + from, to - from, p, step);
    }

    static final class W128 extends F32Ops {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_128;

        W128(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Float> sp() {
            return S;
        }
    }

    static final class W256 extends F32Ops {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

        W256(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Float> sp() {
            return S;
        }
    }

    static final class W512 extends F32Ops {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

        W512(WorkerPool pool) {
            super(pool);
        }

        @Override
        VectorSpecies<Float> sp() {
            return S;
        }
    }
}
