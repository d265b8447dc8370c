package io.densekit.kernel.cuda;

import io.densekit.kernel.AbstractKernel;
import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.TrainingSupport;
import io.densekit.kernel.SgdParams;
import io.densekit.kernel.cuda.driver.CudaKernels;
import io.densekit.kernel.cuda.driver.DeviceInfo;
import io.densekit.kernel.cuda.launch.KernelEntry;
import io.densekit.kernel.cuda.launch.LaunchArgs;
import io.densekit.kernel.cuda.launch.LaunchGeometry;
import io.densekit.kernel.cuda.memory.AllocatorStats;
import io.densekit.nativelib.cublas.DeviceBuffer;
import io.densekit.nativelib.cublas.MathMode;
import io.densekit.nativelib.cublas.RowMajorGemm;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The GPU kernel. Tensors live in device memory ({@link CudaTensor}); every operation is queued on
 * one CUDA stream and returns without waiting, except those that return a value (loss,
 * countCorrect), copies to the host, and {@link #synchronize()}. So a training step runs on the
 * device from the batch upload to the optimizer update and comes back to the host once, for its loss.
 *
 * <p>GEMMs run on cuBLAS (row-major by operand order, no transposing copies); everything else on
 * densekit's CUDA kernels (kernels-cuda/src/main/cuda). The dense forward pass is one GEMM plus one fused
 * bias + activation kernel; the backward pass fuses the activation's gradient with the bias
 * gradient. Thread-safe: operations are serialised, and each makes the context current on its
 * calling thread (see {@link io.densekit.kernel.cuda.driver.DeviceContext}).
 */
public final class CudaKernel extends AbstractKernel {
    public static final String NAME = "cuda";

    private final CudaRuntime rt;
    private final Operands operands;
    private final LossOps losses;
    private final StepRecorder recorder;
    private final TensorTable sgdTable;
    private final TensorTable adamTable;
    private final RowIndex rowIndex;
    private final boolean resident;
    private final TrainingSupport training = new CudaTraining(this);
    private final String details;

    private CudaKernel(CudaRuntime rt, CudaSetup setup) {
        this.rt = rt;
        this.operands = new Operands(this, rt);
        this.recorder = setup.config().graphs() ? rt::record : null;
        this.sgdTable = new TensorTable(rt, operands, "sgdUpdateAll");
        this.adamTable = new TensorTable(rt, operands, "adamUpdateAll");
        this.rowIndex = new RowIndex(rt);
        this.resident = setup.config().resident();
        this.losses = new LossOps(rt, operands);
        this.details = setup.device().name() + " (" + setup.device().describe() + "); cuBLAS "
                + rt.cublas.version() + " from " + rt.cublasLocation() + "; " + setup.config().mathMode() + "; "
                + setup.config().graphMode() + "; " + setup.config().residentMode() + "; kernels: "
                + rt.context.moduleForm();
    }

    /** Opens the GPU the setup found. */
    static CudaKernel open(CudaSetup setup) {
        CudaRuntime rt = CudaRuntime.open(setup);
        try {
            return new CudaKernel(rt, setup);
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return rt.context.info().device();
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.of(DType.F32, DType.F64);
    }

    @Override
    public String details() {
        return details;
    }

    /** What the driver said about the GPU at open. */
    DeviceInfo deviceInfo() {
        return rt.context.info();
    }

    /** Which form of densekit's kernel module the driver loaded: "sm_90 cubin", or the PTX and why. */
    public String moduleForm() {
        return rt.context.moduleForm();
    }

    /** The allocator's counters: live and cached device memory, allocations from the driver. */
    public AllocatorStats memoryStats() {
        try (var e = rt.enterReading()) {
            return rt.allocator.stats();
        }
    }

    /** Free device memory as the driver counts it (all processes and contexts), in bytes. */
    public long freeDeviceBytes() {
        try (var e = rt.enterReading()) {
            return rt.context.memoryInfo()[0];
        }
    }

    /** cuBLAS's math mode on this kernel's handle (TF32 only when opted in). */
    MathMode mathMode() {
        try (var e = rt.enterReading()) {
            return rt.cublas.mathMode();
        }
    }

    /** Gives cached (unused) device memory back to the driver. */
    public void emptyCache() {
        try (var e = rt.enterReading()) {
            rt.allocator.emptyCache();
        }
    }

    // ---- memory --------------------------------------------------------------------------------

    @Override
    public Tensor allocate(DType dtype, int... shape) {
        Operands.requireDType(dtype);
        try (var e = rt.enter()) {
            CudaTensor t = rt.uninitialised(this, dtype, shape);
            rt.zero(t.block("allocate", "tensor"), t.bytes());
            return t;
        }
    }

    @Override
    public Tensor upload(HostTensor src) {
        try (var e = rt.enter()) {
            rt.requireNotRecording("upload");
            CudaTensor t = rt.uninitialised(this, src.dtype(), src.shape());
            rt.transfers.uploadBeside(src, t.block("upload", "tensor").pointer(), t.lastUse(), rt.epoch());
            return t;
        }
    }

    @Override
    public void copyFromHost(HostTensor src, Tensor dst) {
        KernelChecks.sameSize("copyFromHost", src, dst);
        try (var e = rt.enter()) {
            rt.requireNotRecording("copyFromHost");
            // Read before of(), which marks dst as used by this operation.
            long lastUse = dst instanceof CudaTensor c ? c.lastUse() : 0;
            CudaTensor d = operands.of(dst, "copyFromHost", "dst");
            rt.transfers.uploadBeside(src, d.block("copyFromHost", "dst").pointer(), lastUse, rt.epoch());
        }
    }

    /** The rows go straight from src into the pinned staging buffers: one host copy. */
    @Override
    public void copyRowsFromHost(HostTensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowGather("copyRowsFromHost", src, order, from, dst);
        try (var e = rt.enter()) {
            rt.requireNotRecording("copyRowsFromHost");
            long lastUse = dst instanceof CudaTensor c ? c.lastUse() : 0; // before of() marks dst as used
            CudaTensor d = operands.of(dst, "copyRowsFromHost", "dst");
            rt.transfers.uploadRowsBeside(src, order, from, dst.rows(), d.block("copyRowsFromHost", "dst").pointer(),
                    lastUse, rt.epoch());
        }
    }

    /**
     * One gather launch in device memory; with an order, its row numbers go up first (on the compute
     * stream, and only when they changed: a batch's targets reuse its inputs' numbers).
     */
    @Override
    public void copyRows(Tensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowCopy("copyRows", src, order, from, dst);
        String op = "copyRows";
        try (var e = rt.enter()) {
            long s = operands.address(src, op, "src");
            long d = operands.address(dst, op, "dst");
            if (dst.size() == 0) {
                return;
            }
            long index = 0;
            if (order != null) {
                // A graph would keep the address of numbers that change every batch.
                rt.requireNotRecording("copyRows with an order (its row numbers are uploaded)");
                index = rowIndex.commit(order, from, dst.rows());
            }
            rt.launcher.launch(KernelEntry.GATHER_ROWS, dst.dtype(), LaunchGeometry.elementwise(dst.size()),
                    rt.launcher.args().ptr(s).ptr(index).i32(order == null ? from : 0).ptr(d).i32(dst.rows())
                            .i32(dst.cols()));
        }
    }

    /**
     * Whether a fit's data sets of {@code bytes} in all stay in device memory ({@link #training()}):
     * yes when resident data is on (the default; {@code densekit.cuda.resident}) and they take at
     * most a quarter of the device's free memory, leaving room for the model, its activations and
     * other processes.
     */
    public boolean keepsResident(long bytes) {
        return resident && bytes >= 0 && bytes <= freeDeviceBytes() / 4;
    }

    @Override
    public void copyToHost(Tensor src, HostTensor dst) {
        KernelChecks.sameSize("copyToHost", dst, src);
        try (var e = rt.enterReading()) {
            rt.requireNotRecording("copyToHost");
            rt.transfers.download(operands.of(src, "copyToHost", "src").block("copyToHost", "src").pointer(), dst);
        }
    }

    // ---- linear algebra -------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        KernelChecks.GemmDims d = KernelChecks.gemm(transA, transB, a, b, c);
        try (var e = rt.enter()) {
            gemmLocked(transA, transB, d, alpha, a, b, beta, c, "gemm");
        }
    }

    /** Row-major GEMM through cuBLAS; each tensor's leading dimension is its column count. */
    private void gemmLocked(boolean transA, boolean transB, KernelChecks.GemmDims d, double alpha, Tensor a, Tensor b,
                            double beta, Tensor c, String op) {
        DeviceBuffer da = buffer(a, op, "a");
        DeviceBuffer db = buffer(b, op, "b");
        DeviceBuffer dc = buffer(c, op, "c");
        int lda = Math.max(1, a.cols());
        int ldb = Math.max(1, b.cols());
        int ldc = Math.max(1, c.cols());
        if (c.dtype() == DType.F32) {
            RowMajorGemm.sgemm(rt.cublas, transA, transB, d.m(), d.n(), d.k(), (float) alpha, da, lda, db, ldb,
                    (float) beta, dc, ldc);
        } else {
            RowMajorGemm.dgemm(rt.cublas, transA, transB, d.m(), d.n(), d.k(), alpha, da, lda, db, ldb, beta, dc, ldc);
        }
    }

    private DeviceBuffer buffer(Tensor t, String op, String operand) {
        CudaTensor c = operands.of(t, op, operand);
        return new DeviceBuffer(c.address(op, operand), c.bytes());
    }

    @Override
    public void addRowVector(Tensor bias, Tensor z) {
        KernelChecks.rowVector("addRowVector", bias, z);
        try (var e = rt.enter()) {
            biasActivation(z, bias, Activation.IDENTITY, z, "addRowVector");
        }
    }

    @Override
    public void columnSums(Tensor g, Tensor out) {
        KernelChecks.rowVector("columnSums", out, g);
        try (var e = rt.enter()) {
            columnSumsLocked(g, out);
        }
    }

    private void columnSumsLocked(Tensor g, Tensor out) {
        if (g.cols() == 0) {
            return;
        }
        rt.launcher.launch(KernelEntry.COLUMN_SUMS, g.dtype(), LaunchGeometry.columns(g.cols()), rt.launcher.args()
                .ptr(operands.address(g, "columnSums", "g")).ptr(operands.address(out, "columnSums", "out"))
                .i32(g.rows()).i32(g.cols()));
    }

    // ---- activations ----------------------------------------------------------------------------

    @Override
    public void activationForward(Activation act, Tensor z, Tensor a) {
        KernelChecks.sameShape("activationForward", z, a);
        try (var e = rt.enter()) {
            biasActivation(z, null, act, a, "activationForward");
        }
    }

    /** {@code a = act(z + bias)} in one launch; bias may be null, a may be z. */
    private void biasActivation(Tensor z, Tensor bias, Activation act, Tensor a, String op) {
        if (z.size() == 0) {
            return;
        }
        LaunchArgs args = rt.launcher.args().ptr(operands.address(z, op, "z")).ptr(operands.address(bias, op, "bias"))
                .ptr(operands.address(a, op, "a")).i32(z.rows()).i32(z.cols());
        if (act.isRowWise()) {
            KernelEntry k = act == Activation.SOFTMAX ? KernelEntry.BIAS_SOFTMAX_FORWARD : KernelEntry.BIAS_LOG_SOFTMAX_FORWARD;
            rt.launcher.launch(k, z.dtype(), LaunchGeometry.rows(z.rows(), z.cols()), args);
        } else {
            rt.launcher.launch(KernelEntry.BIAS_ACT_FORWARD, z.dtype(), LaunchGeometry.elementwise(z.size()),
                    args.i32(CudaKernels.activationCode(act)));
        }
    }

    @Override
    public void activationBackward(Activation act, Tensor a, Tensor gradA, Tensor gradZ) {
        KernelChecks.sameShape("activationBackward", a, gradA, gradZ);
        try (var e = rt.enter()) {
            activationBackwardLocked(act, a, gradA, gradZ);
        }
    }

    private void activationBackwardLocked(Activation act, Tensor a, Tensor gradA, Tensor gradZ) {
        if (a.size() == 0) {
            return;
        }
        String op = "activationBackward";
        LaunchArgs args = rt.launcher.args().ptr(operands.address(a, op, "a")).ptr(operands.address(gradA, op, "gradA"))
                .ptr(operands.address(gradZ, op, "gradZ"));
        if (act.isRowWise()) {
            KernelEntry k = act == Activation.SOFTMAX ? KernelEntry.SOFTMAX_BACKWARD : KernelEntry.LOG_SOFTMAX_BACKWARD;
            rt.launcher.launch(k, a.dtype(), LaunchGeometry.rows(a.rows(), a.cols()), args.i32(a.rows()).i32(a.cols()));
        } else {
            rt.launcher.launch(KernelEntry.ACT_BACKWARD, a.dtype(), LaunchGeometry.elementwise(a.size()),
                    args.i64(a.size()).i32(CudaKernels.activationCode(act)));
        }
    }

    /** One cuBLAS GEMM, then bias and activation fused into one kernel over the GEMM's output. */
    @Override
    public void denseForward(Tensor x, Tensor w, Tensor b, Activation act, Tensor a) {
        KernelChecks.GemmDims d = KernelChecks.gemm(false, true, x, w, a);
        if (b != null) {
            KernelChecks.rowVector("denseForward", b, a);
        }
        try (var e = rt.enter()) {
            gemmLocked(false, true, d, 1.0, x, w, 0.0, a, "denseForward");
            if (b != null || act != Activation.IDENTITY) {
                biasActivation(a, b, act, a, "denseForward");
            }
        }
    }

    /**
     * The default composition with its epilogue fused: for an element-wise activation with a bias,
     * the activation's gradient and the bias gradient are one launch (same bits as the two).
     */
    @Override
    public void denseBackward(Tensor x, Tensor w, Tensor a, Activation act, Tensor gradA, Tensor gradW, Tensor gradB,
                              Tensor gradX) {
        Objects.requireNonNull(act, "activation is null");
        KernelChecks.sameShape("denseBackward", a, gradA);
        KernelChecks.GemmDims dw = KernelChecks.gemm(true, false, gradA, x, gradW);
        if (gradB != null) {
            KernelChecks.rowVector("denseBackward", gradB, gradA);
        }
        KernelChecks.GemmDims dx = gradX == null ? null : KernelChecks.gemm(false, false, gradA, w, gradX);
        try (var e = rt.enter()) {
            if (gradB != null && !act.isRowWise() && act != Activation.IDENTITY) {
                actBackwardColumnSums(act, a, gradA, gradB);
            } else {
                if (act != Activation.IDENTITY) {
                    activationBackwardLocked(act, a, gradA, gradA);
                }
                if (gradB != null) {
                    columnSumsLocked(gradA, gradB);
                }
            }
            gemmLocked(true, false, dw, 1.0, gradA, x, 0.0, gradW, "denseBackward");
            if (gradX != null) {
                gemmLocked(false, false, dx, 1.0, gradA, w, 0.0, gradX, "denseBackward");
            }
        }
    }

    /** {@code grad = act'(a) * grad} in place and {@code gradB} = its column sums, in one launch. */
    private void actBackwardColumnSums(Activation act, Tensor a, Tensor grad, Tensor gradB) {
        if (grad.cols() == 0) {
            return;
        }
        String op = "denseBackward";
        rt.launcher.launch(KernelEntry.ACT_BACKWARD_COLUMN_SUMS, grad.dtype(), LaunchGeometry.columns(grad.cols()),
                rt.launcher.args().ptr(operands.address(a, op, "a")).ptr(operands.address(grad, op, "gradA"))
                        .ptr(operands.address(gradB, op, "gradB")).i32(grad.rows()).i32(grad.cols())
                        .i32(CudaKernels.activationCode(act)));
    }

    // ---- losses ---------------------------------------------------------------------------------

    @Override
    public double loss(LossKind kind, Tensor pred, Tensor target) {
        return losses.loss(kind, pred, target);
    }

    /**
     * {@link #loss}, queued: returns at once, and {@link PendingLoss#get()} reads the value (the
     * trainer's loss, through {@link #training()}). Shape and dtype errors are thrown here, bad
     * target values at {@code get()}.
     */
    public PendingLoss lossAsync(LossKind kind, Tensor pred, Tensor target) {
        return losses.lossAsync(kind, pred, target);
    }

    @Override
    public void lossGradient(LossKind kind, Tensor pred, Tensor target, Tensor grad) {
        losses.gradient(kind, pred, target, grad);
    }

    @Override
    public long countCorrect(Tensor pred, Tensor target) {
        return losses.countCorrect(pred, target);
    }

    // ---- optimizers -----------------------------------------------------------------------------

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams p, boolean firstStep) {
        KernelChecks.sgdUpdate(param, grad, momentumBuffer, p);
        if (param.size() == 0) {
            return;
        }
        String op = "sgdUpdate";
        try (var e = rt.enter()) {
            rt.launcher.launch(KernelEntry.SGD_UPDATE, param.dtype(), LaunchGeometry.elementwise(param.size()),
                    rt.launcher.args().ptr(operands.address(param, op, "param")).ptr(operands.address(grad, op, "grad"))
                            .ptr(p.hasMomentum() ? operands.address(momentumBuffer, op, "momentumBuffer") : 0)
                            .i64(param.size()).f64(p.lr()).f64(p.momentum()).f64(p.dampening()).f64(p.weightDecay())
                            .i32(p.nesterov() ? 1 : 0).i32(firstStep ? 1 : 0));
        }
    }

    /** One launch for all the parameters (a tensor table on the device, uploaded when it changes). */
    @Override
    public void sgdUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] momentumBuffers, SgdParams p,
                             boolean firstStep) {
        if (count > LaunchGeometry.MAX_MULTI_TENSORS) {
            super.sgdUpdateAll(count, params, grads, momentumBuffers, p, firstStep);
            return;
        }
        for (int i = 0; i < count; i++) {
            KernelChecks.sgdUpdate(params[i], grads[i], momentumBuffers == null ? null : momentumBuffers[i], p);
            Shapes.requireSameDType(params[0], params[i]);
        }
        try (var e = rt.enter()) {
            long maxN = sgdTable.fill(count, params, grads, p.hasMomentum() ? momentumBuffers : null, "momentumBuffer",
                    null, null);
            if (maxN == 0) {
                return;
            }
            long table = sgdTable.commit(count);
            rt.launcher.launch(KernelEntry.SGD_UPDATE_MULTI, params[0].dtype(), LaunchGeometry.multiTensor(maxN, count),
                    rt.launcher.args().ptr(table).i32(count).f64(p.lr()).f64(p.momentum()).f64(p.dampening())
                            .f64(p.weightDecay()).i32(p.nesterov() ? 1 : 0).i32(firstStep ? 1 : 0));
        }
    }

    /** One launch for all the parameters, as {@link #sgdUpdateAll}. */
    @Override
    public void adamUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] ms, Tensor[] vs, AdamParams p,
                              long step) {
        if (count > LaunchGeometry.MAX_MULTI_TENSORS) {
            super.adamUpdateAll(count, params, grads, ms, vs, p, step);
            return;
        }
        for (int i = 0; i < count; i++) {
            KernelChecks.adamUpdate(params[i], grads[i], ms[i], vs[i], p, step);
            Shapes.requireSameDType(params[0], params[i]);
        }
        double stepSize = p.lr() / (1 - Math.pow(p.beta1(), step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(p.beta2(), step));
        try (var e = rt.enter()) {
            long maxN = adamTable.fill(count, params, grads, ms, "m", vs, "v");
            if (maxN == 0) {
                return;
            }
            long table = adamTable.commit(count);
            rt.launcher.launch(KernelEntry.ADAM_UPDATE_MULTI, params[0].dtype(), LaunchGeometry.multiTensor(maxN, count),
                    rt.launcher.args().ptr(table).i32(count).f64(p.beta1()).f64(p.beta2()).f64(p.eps())
                            .f64(p.weightDecay()).f64(stepSize).f64(bc2Sqrt));
        }
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams p, long step) {
        KernelChecks.adamUpdate(param, grad, m, v, p, step);
        if (param.size() == 0) {
            return;
        }
        // Bias corrections on the host, exactly as the reference kernel computes them.
        double stepSize = p.lr() / (1 - Math.pow(p.beta1(), step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(p.beta2(), step));
        String op = "adamUpdate";
        try (var e = rt.enter()) {
            rt.launcher.launch(KernelEntry.ADAM_UPDATE, param.dtype(), LaunchGeometry.elementwise(param.size()),
                    rt.launcher.args().ptr(operands.address(param, op, "param")).ptr(operands.address(grad, op, "grad"))
                            .ptr(operands.address(m, op, "m")).ptr(operands.address(v, op, "v")).i64(param.size())
                            .f64(p.beta1()).f64(p.beta2()).f64(p.eps()).f64(p.weightDecay()).f64(stepSize).f64(bc2Sqrt));
        }
    }

    /** CUDA graphs, when {@code densekit.cuda.graphs} is on; empty otherwise. */
    public Optional<StepRecorder> recorder() {
        return Optional.ofNullable(recorder);
    }

    /**
     * Resident data sets when they fit, one wait per step, and recorded steps when CUDA graphs are
     * on: see {@link CudaTraining}.
     */
    @Override
    public TrainingSupport training() {
        return training;
    }

    @Override
    public void synchronize() {
        try (var e = rt.enterReading()) {
            rt.requireNotRecording("synchronize");
            rt.context.synchronize();
        }
    }

    /**
     * Waits for queued work and releases all device memory, staging buffers, cuBLAS handle and
     * context: the first close of an owned instance (the shared one ignores close; see
     * {@link AbstractKernel}). Later operations, on the kernel or its tensors, are refused.
     */
    @Override
    protected void release() {
        rt.close();
    }

    @Override
    public String toString() {
        return "CudaKernel[" + device() + (rt.isClosed() ? ", closed" : "") + "]";
    }

    static String shape(Tensor t) {
        return t.dtype() + " " + Shapes.toString(t.shape());
    }
}
