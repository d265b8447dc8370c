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
 *
 * <p>The GEMM's layout comes from a {@link GemmPlan}: the built-in one, one given to the constructor,
 * or (for {@link #SimdKernel()} and discovery) the one {@code densekit tune} measured on this machine
 * and left in the {@link PlanCache}. Every plan gives the same bits, so which one is in use only
 * changes the speed. A kernel never searches by itself: a search measures for a second or two, and
 * measuring at first use would charge that to the caller's first step and time it against the
 * caller's own work, which is exactly what makes the measurement wrong; the built-in plan is a sound
 * default, so tuning is an explicit step.
 */
public final class SimdKernel extends HostKernel {
    public static final String NAME = "simd";

    private final SimdConfig config;
    private final WorkerPool pool;
    private final TypedOps f32;
    private final TypedOps f64;
    /** The ops GEMMs run on: f32 and f64 themselves, or the same at the plan's narrower GEMM width. */
    private final TypedOps gemm32;
    private final TypedOps gemm64;
    private final ParallelUpdates updates;
    private final GemmPlan plan;
    private final String planSource;

    /**
     * The preferred vector width and thread count, overridable by system properties (see {@link SimdConfig}),
     * and the plan tuned for this machine when {@code densekit tune} left one (see {@link PlanCache#forUser()}).
     */
    public SimdKernel() {
        this(SimdConfig.fromSystemProperties(), PlanCache.forUser().lookup());
    }

    /** The preferred vector width (or {@code densekit.simd.bits}) on {@code threads} threads. */
    public SimdKernel(int threads) {
        this(SimdConfig.fromSystemProperties().withThreads(threads));
    }

    /** The built-in GEMM plan (no cache is read). */
    public SimdKernel(SimdConfig config) {
        this(config, new PlanCache.Lookup(GemmPlan.defaults(), "built-in"));
    }

    /** An explicit GEMM plan, for embedders and for measuring plans against each other. */
    public SimdKernel(SimdConfig config, GemmPlan plan) {
        this(config, new PlanCache.Lookup(plan, "given"));
    }

    /**
     * Tests: every product in row groups ({@code rowGroupsOnly}), or every product of MR rows or more
     * in the register block, so that both paths can be compared on one machine at any size.
     */
    SimdKernel(SimdConfig config, boolean rowGroupsOnly) {
        this(config, GemmPlan.withBlockFrom(rowGroupsOnly ? GemmPlan.ROW_GROUPS_ONLY : GemmPlan.BLOCK_ROWS));
    }

    SimdKernel(SimdConfig config, PlanCache.Lookup chosen) {
        this.config = Objects.requireNonNull(config, "config");
        this.plan = chosen.plan();
        this.planSource = chosen.source();
        int bits = resolveBits(config.bits());
        // GEMM never runs wider than the kernel: a width asked for (densekit.simd.bits) is an upper bound.
        int gemmBits = resolveBits(Math.min(plan.gemmBits(bits), bits));
        this.pool = new WorkerPool(config.threads());
        this.f32 = F32Ops.create(bits, pool, plan);
        this.f64 = F64Ops.create(bits, pool, plan);
        this.gemm32 = gemmBits == bits ? f32 : F32Ops.create(gemmBits, pool, plan);
        this.gemm64 = gemmBits == bits ? f64 : F64Ops.create(gemmBits, pool, plan);
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
                + ", GEMM plan (" + planSource + "): " + plan.describe()
                + (gemm32.bits() == f32.bits() ? "" : " (GEMM runs at " + gemm32.bits() + " bits)");
    }

    /** The GEMM plan in use. */
    public GemmPlan plan() {
        return plan;
    }

    /** Where the plan came from: built-in, given, or the cache file (with why a file was not used). */
    public String planSource() {
        return planSource;
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

    private TypedOps gemmOps(Tensor t) {
        return t.dtype() == DType.F32 ? gemm32 : gemm64;
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        KernelChecks.gemm(transA, transB, a, b, c);
        gemmOps(c).gemm(transA, transB, alpha, host(a), host(b), beta, host(c), null, Activation.IDENTITY);
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
     * weight is packed once per version and reused by later calls (see {@link TypedOps#dense}). A
     * row-wise activation sums across lanes, so its bits depend on the width: when GEMM runs at
     * another width than the kernel, it runs afterwards at the kernel's.
     */
    @Override
    public void denseForward(Tensor x, Tensor w, Tensor b, Activation act, Tensor a) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.gemm(false, true, x, w, a);
        if (b != null) {
            KernelChecks.rowVector("denseForward", b, a);
        }
        TypedOps g = gemmOps(a);
        if (act.isRowWise() && g != ops(a)) {
            g.dense(host(x), host(w), b == null ? null : host(b), Activation.IDENTITY, host(a));
            ops(a).activationForward(act, host(a), host(a));
        } else {
            g.dense(host(x), host(w), b == null ? null : host(b), act, host(a));
        }
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
        TypedOps g = gemmOps(gradA);
        g.gemm(true, false, 1.0, host(gradA), host(x), 0.0, host(gradW), null, Activation.IDENTITY);
        if (gradX != null) {
            g.gemm(false, false, 1.0, host(gradA), host(w), 0.0, host(gradX), null, Activation.IDENTITY);
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
