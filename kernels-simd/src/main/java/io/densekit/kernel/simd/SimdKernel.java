package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.HostKernel;
import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Objects;
import jdk.incubator.vector.FloatVector;

/**
 * The CPU kernel on the Vector API: packed, register-blocked GEMM with a fused dense epilogue, and
 * vectorised element-wise work, in float32 and float64 at 128, 256 or 512 bits, on a pool of daemon
 * threads. Results are bitwise identical for any thread count.
 *
 * <p>Construction is cheap (threads start on the first large GEMM), so other kernels may create one
 * to delegate to. Concurrent calls are safe; a GEMM big enough to split that finds the pool busy with
 * another caller's runs its parts on its own thread instead of waiting (the same bits).
 */
public final class SimdKernel extends HostKernel {
    public static final String NAME = "simd";

    private final SimdConfig config;
    private final WorkerPool pool;
    private final TypedOps f32;
    private final TypedOps f64;
    private final ParallelUpdates updates;
    private final boolean rowGroupsOnly;

    /** The preferred vector width and thread count, overridable by system properties (see {@link SimdConfig}). */
    public SimdKernel() {
        this(SimdConfig.fromSystemProperties());
    }

    /** The preferred vector width (or {@code densekit.simd.bits}) on {@code threads} threads. */
    public SimdKernel(int threads) {
        this(SimdConfig.fromSystemProperties().withThreads(threads));
    }

    public SimdKernel(SimdConfig config) {
        this(config, F32Ops.ROW_GROUPS_BY_DEFAULT);
    }

    /**
     * Tests: with {@code rowGroupsOnly} false, products of MR rows or more run in the register block
     * even where it is not the default, so that both paths can be compared on one machine.
     */
    SimdKernel(SimdConfig config, boolean rowGroupsOnly) {
        this.config = Objects.requireNonNull(config, "config");
        this.rowGroupsOnly = rowGroupsOnly;
        int bits = resolveBits(config.bits());
        this.pool = new WorkerPool(config.threads());
        this.f32 = F32Ops.create(bits, pool, rowGroupsOnly);
        this.f64 = F64Ops.create(bits, pool, rowGroupsOnly);
        this.updates = new ParallelUpdates(pool, f32, f64);
    }

    /**
     * The width to run at: the requested one, or the machine's preferred width for 0. A width above
     * the preferred one would run in software, so it is refused.
     */
    static int resolveBits(int requested) {
        int preferred = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        if (requested == 0) {
            return Math.min(Math.max(preferred, 128), 512);
        }
        if (requested > preferred) {
            throw new IllegalArgumentException(SimdConfig.BITS_PROPERTY + "=" + requested
                    + " is wider than this machine's vectors (" + preferred + " bits); use " + preferred + " or less");
        }
        return requested;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String details() {
        return "Vector API " + f32.bits() + "-bit, " + config.threads() + " thread" + (config.threads() == 1 ? "" : "s")
                + (rowGroupsOnly ? ", GEMM in row groups of up to " + F32Gemm.ROW_GROUP + " rows"
                : ", GEMM " + F32Gemm.MR + "x2 vectors (row groups below " + F32Gemm.MR + " rows)");
    }

    /** The vector width in use, in bits. */
    public int vectorBits() {
        return f32.bits();
    }

    public int threads() {
        return config.threads();
    }

    private TypedOps ops(Tensor t) {
        return t.dtype() == DType.F32 ? f32 : f64;
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        KernelChecks.gemm(transA, transB, a, b, c);
        ops(c).gemm(transA, transB, alpha, host(a), host(b), beta, host(c), null, Activation.IDENTITY);
    }

    @Override
    public void addRowVector(Tensor bias, Tensor z) {
        KernelChecks.rowVector("addRowVector", bias, z);
        ops(z).addRowVector(host(bias), host(z));
    }

    @Override
    public void columnSums(Tensor g, Tensor out) {
        KernelChecks.rowVector("columnSums", out, g);
        ops(g).columnSums(host(g), host(out));
    }

    // ---- activations ----------------------------------------------------------------------------

    @Override
    public void activationForward(Activation act, Tensor z, Tensor a) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.sameShape("activationForward", z, a);
        ops(z).activationForward(act, host(z), host(a));
    }

    @Override
    public void activationBackward(Activation act, Tensor a, Tensor gradA, Tensor gradZ) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.sameShape("activationBackward", a, gradA, gradZ);
        ops(a).activationBackward(act, host(a), host(gradA), host(gradZ));
    }

    /**
     * One GEMM with the bias and activation applied to each output tile while it is in cache; the
     * weight is packed once per version and reused by later calls (see {@link TypedOps#dense}).
     */
    @Override
    public void denseForward(Tensor x, Tensor w, Tensor b, Activation act, Tensor a) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.gemm(false, true, x, w, a);
        if (b != null) {
            KernelChecks.rowVector("denseForward", b, a);
        }
        ops(a).dense(host(x), host(w), b == null ? null : host(b), act, host(a));
    }

    /** The activation's backward pass fused with the bias gradient's column sums, then two GEMMs. */
    @Override
    public void denseBackward(Tensor x, Tensor w, Tensor a, Activation act, Tensor gradA, Tensor gradW, Tensor gradB,
                              Tensor gradX) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.sameShape("denseBackward", a, gradA);
        KernelChecks.gemm(true, false, gradA, x, gradW);
        if (gradB != null) {
            KernelChecks.rowVector("denseBackward", gradB, gradA);
        }
        if (gradX != null) {
            KernelChecks.gemm(false, false, gradA, w, gradX);
        }
        TypedOps o = ops(gradA);
        if (gradB != null) {
            o.backwardAndColumnSums(act, host(a), host(gradA), host(gradB));
        } else if (act != Activation.IDENTITY) {
            o.activationBackward(act, host(a), host(gradA), host(gradA));
        }
        o.gemm(true, false, 1.0, host(gradA), host(x), 0.0, host(gradW), null, Activation.IDENTITY);
        if (gradX != null) {
            o.gemm(false, false, 1.0, host(gradA), host(w), 0.0, host(gradX), null, Activation.IDENTITY);
        }
    }

    // ---- losses ---------------------------------------------------------------------------------

    @Override
    public double loss(LossKind kind, Tensor pred, Tensor target) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        return ops(pred).loss(kind, host(pred), host(target), indices);
    }

    @Override
    public void lossGradient(LossKind kind, Tensor pred, Tensor target, Tensor grad) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        KernelChecks.sameShape("lossGradient", pred, grad);
        ops(pred).lossGradient(kind, host(pred), host(target), host(grad), indices);
    }

    @Override
    public long countCorrect(Tensor pred, Tensor target) {
        boolean indices = target.cols() == 1 && pred.cols() > 1;
        if (!indices || target.rows() != pred.rows()) {
            KernelChecks.sameShape("countCorrect", pred, target);
        }
        return ops(pred).countCorrect(host(pred), host(target), indices);
    }

    // ---- optimizers -----------------------------------------------------------------------------

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams p, boolean firstStep) {
        KernelChecks.sgdUpdate(param, grad, momentumBuffer, p);
        HostTensor buf = p.hasMomentum() ? host(momentumBuffer) : null;
        ops(param).sgd(host(param), host(grad), buf, p, firstStep, 0, (int) param.size());
    }

    /** Every tensor checked first, then one update split over the worker pool (see {@link ParallelUpdates}). */
    @Override
    public void sgdUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] momentumBuffers, SgdParams p,
                             boolean firstStep) {
        for (int i = 0; i < count; i++) {
            KernelChecks.sgdUpdate(params[i], grads[i], momentumBuffers == null ? null : momentumBuffers[i], p);
            host(params[i]);
            host(grads[i]);
            if (p.hasMomentum()) {
                host(momentumBuffers[i]);
            }
        }
        updates.sgd(count, params, grads, p.hasMomentum() ? momentumBuffers : null, p, firstStep);
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams p, long step) {
        KernelChecks.adamUpdate(param, grad, m, v, p, step);
        ops(param).adam(host(param), host(grad), host(m), host(v), p, step, 0, (int) param.size());
    }

    /** As {@link #sgdUpdateAll}. */
    @Override
    public void adamUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] ms, Tensor[] vs, AdamParams p,
                              long step) {
        for (int i = 0; i < count; i++) {
            KernelChecks.adamUpdate(params[i], grads[i], ms[i], vs[i], p, step);
            host(params[i]);
            host(grads[i]);
            host(ms[i]);
            host(vs[i]);
        }
        updates.adam(count, params, grads, ms, vs, p, step);
    }

    /** Stops the worker threads (the first close of an owned instance; see {@link io.densekit.kernel.AbstractKernel}). */
    @Override
    protected void release() {
        pool.close();
    }
}
