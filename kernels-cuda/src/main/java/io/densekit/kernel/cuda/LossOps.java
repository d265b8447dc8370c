package io.densekit.kernel.cuda;

import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.cuda.launch.Grid;
import io.densekit.kernel.cuda.launch.KernelEntry;
import io.densekit.kernel.cuda.launch.LaunchArgs;
import io.densekit.kernel.cuda.launch.LaunchGeometry;
import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;

/**
 * Losses, their gradients and the accuracy count on the device. A value is two launches (one
 * double per row, then their sum divided by the mean's count, as the reference kernel divides) into
 * a 16-byte status slot, and one read of that slot, which also carries the kernels' bad-input flag:
 * a class index out of range or a BCE value outside [0, 1] is reported with the reference kernel's
 * words. {@link #lossAsync} returns before the read, so the trainer reads once, at the step's end.
 *
 * <p>A gradient is queued without waiting. Its input checks need a read back, which would cost a
 * device round trip per training step, so they are skipped when the same operands were checked by
 * {@link #lossAsync} and no operation has written a tensor since (the trainer's loss-then-gradient
 * order): the loss's read reports bad input for both.
 */
final class LossOps {
    private final CudaRuntime rt;
    private final Operands operands;
    private Checked lastChecked;

    /** Operands a loss call validated, and the write count at that moment. */
    private record Checked(LossKind kind, Tensor pred, Tensor target, long writes) {
    }

    LossOps(CudaRuntime rt, Operands operands) {
        this.rt = rt;
        this.operands = operands;
    }

    double loss(LossKind kind, Tensor pred, Tensor target) {
        return lossAsync(kind, pred, target).get();
    }

    /**
     * Queues the loss into a 16-byte slot of its own (value, bad-input flag) and returns the read
     * of that slot. The gradient that follows on the same operands skips its check: the read
     * reports bad input for both.
     */
    PendingLoss lossAsync(LossKind kind, Tensor pred, Tensor target) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        int rows = pred.rows();
        int cols = pred.cols();
        boolean perElement = kind == LossKind.MSE || kind == LossKind.BCE;
        if (rows == 0 || (perElement && cols == 0)) {
            return () -> Double.NaN; // the mean of nothing, as the reference kernel's 0 / 0
        }
        String op = kind.cliName();
        try (var e = rt.enterReading()) {
            long p = operands.address(pred, op, "pred");
            long t = operands.address(target, op, "target");
            boolean checks = kind == LossKind.BCE || indices;
            DeviceBlock slot = rt.allocator.allocate(CudaRuntime.STATUS_BYTES, () -> "a queued loss");
            DeviceBlock rowOut = null;
            try {
                rowOut = rt.allocator.allocate((long) rows * Double.BYTES, () -> "loss row sums");
                if (checks) {
                    rt.resetBad(slot);
                }
                LaunchArgs args = rt.launcher.args().ptr(p).ptr(t).ptr(rowOut.address()).i32(rows).i32(cols);
                KernelEntry entry = switch (kind) {
                    case MSE -> KernelEntry.MSE_ROWS;
                    case BCE -> KernelEntry.BCE_ROWS;
                    case CROSS_ENTROPY -> indices ? KernelEntry.CE_INDEX_ROWS : KernelEntry.CE_DENSE_ROWS;
                    case NLL -> indices ? KernelEntry.NLL_INDEX_ROWS : KernelEntry.NLL_DENSE_ROWS;
                };
                if (checks) {
                    args.ptr(slot.address() + CudaRuntime.BAD_OFFSET);
                }
                rt.launcher.launch(entry, pred.dtype(), grid(entry, rows, cols, rows), args);
                double divisor = perElement ? (double) rows * cols : rows;
                sumDiv(rowOut, rows, divisor, slot.address() + CudaRuntime.RESULT_OFFSET);
            } catch (RuntimeException ex) {
                rt.release(slot);
                throw ex;
            } finally {
                if (rowOut != null) {
                    rt.release(rowOut); // reused only by work queued after this, on the same stream
                }
            }
            lastChecked = new Checked(kind, pred, target, rt.writes());
            CudaRecording recording = rt.capturing();
            if (recording != null) {
                rt.release(slot); // kept by the recording until it closes; read after each replay
            }
            return new Pending(slot, recording, kind, indices, checks, pred, target);
        }
    }

    /**
     * The read of one queued loss. A loss queued while recording belongs to the recording: it may
     * be read after every replay, until the recording closes.
     */
    private final class Pending implements PendingLoss {
        private DeviceBlock slot;
        private final CudaRecording recording;
        private final LossKind kind;
        private final boolean indices;
        private final boolean checks;
        private final Tensor pred;
        private final Tensor target;

        Pending(DeviceBlock slot, CudaRecording recording, LossKind kind, boolean indices, boolean checks, Tensor pred,
                Tensor target) {
            this.slot = slot;
            this.recording = recording;
            this.kind = kind;
            this.indices = indices;
            this.checks = checks;
            this.pred = pred;
            this.target = target;
        }

        @Override
        public double get() {
            try (var e = rt.enterReading()) {
                if (slot == null) {
                    throw new IllegalStateException(kind.cliName() + ": this queued loss was read already");
                }
                CudaRuntime.StatusRead s;
                if (recording != null) {
                    if (recording.isClosed()) {
                        throw new IllegalStateException(kind.cliName() + ": the recording this loss belongs to is closed");
                    }
                    s = rt.readStatus(slot);
                } else {
                    try {
                        s = rt.readStatus(slot);
                    } finally {
                        rt.release(slot);
                        slot = null;
                    }
                }
                if (checks && s.hasBad()) {
                    throw badInput(kind, indices, pred, target, s.bad());
                }
                return s.result();
            }
        }
    }

    void gradient(LossKind kind, Tensor pred, Tensor target, Tensor grad) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        KernelChecks.sameShape("lossGradient", pred, grad);
        int rows = pred.rows();
        int cols = pred.cols();
        if (pred.size() == 0) {
            return;
        }
        String op = kind.cliName() + " gradient";
        try (var e = rt.enterReading()) {
            Checked c = lastChecked;
            boolean validated = c != null && c.kind() == kind && c.pred() == pred && c.target() == target
                    && c.writes() == rt.writes();
            boolean checks = (kind == LossKind.BCE || indices) && !validated;
            long p = operands.address(pred, op, "pred");
            long t = operands.address(target, op, "target");
            long g = operands.address(grad, op, "grad");
            long bad = checks ? rt.badAddress() : 0;
            if (checks) {
                rt.resetBad();
            }
            long n = pred.size();
            rt.wrote();
            switch (kind) {
                case MSE -> launch(KernelEntry.MSE_GRAD, pred, rows, cols, rt.launcher.args().ptr(p).ptr(t).ptr(g).i64(n));
                case BCE -> launch(KernelEntry.BCE_GRAD, pred, rows, cols, rt.launcher.args().ptr(p).ptr(t).ptr(g).i64(n).ptr(bad));
                case CROSS_ENTROPY -> launch(indices ? KernelEntry.CE_INDEX_GRAD : KernelEntry.CE_DENSE_GRAD, pred, rows, cols,
                        withBad(rt.launcher.args().ptr(p).ptr(t).ptr(g).i32(rows).i32(cols), indices, bad));
                case NLL -> launch(indices ? KernelEntry.NLL_INDEX_GRAD : KernelEntry.NLL_DENSE_GRAD, pred, rows, cols,
                        withBad(rt.launcher.args().ptr(t).ptr(g).i32(rows).i32(cols), indices, bad));
            }
            if (checks) {
                CudaRuntime.StatusRead s = rt.readStatus();
                if (s.hasBad()) {
                    throw badInput(kind, indices, pred, target, s.bad());
                }
            }
        }
    }

    long countCorrect(Tensor pred, Tensor target) {
        boolean indices = target.cols() == 1 && pred.cols() > 1;
        if (!indices || target.rows() != pred.rows()) {
            KernelChecks.sameShape("countCorrect", pred, target);
        }
        Shapes.requireSameDType(pred, target);
        int rows = pred.rows();
        int cols = pred.cols();
        if (rows == 0 || cols == 0) {
            return 0;
        }
        String op = "countCorrect";
        try (var e = rt.enterReading()) {
            long p = operands.address(pred, op, "pred");
            long t = operands.address(target, op, "target");
            DeviceBlock rowOut = rt.allocator.allocate((long) rows * Double.BYTES, () -> "countCorrect row flags");
            try {
                rt.resetBad();
                rt.launcher.launch(KernelEntry.COUNT_CORRECT_ROWS, pred.dtype(), LaunchGeometry.elementwise(rows),
                        rt.launcher.args().ptr(p).ptr(t).ptr(rowOut.address()).i32(rows).i32(cols).i32(indices ? 1 : 0)
                                .ptr(rt.badAddress()));
                sumDiv(rowOut, rows, 1.0, rt.resultAddress());
                CudaRuntime.StatusRead s = rt.readStatus();
                if (s.hasBad()) {
                    throw badInput(LossKind.CROSS_ENTROPY, true, pred, target, s.bad());
                }
                return Math.round(s.result());
            } finally {
                rt.release(rowOut);
            }
        }
    }

    private void sumDiv(DeviceBlock rowOut, int rows, double divisor, long out) {
        rt.launcher.launch(KernelEntry.SUM_DIV, null, LaunchGeometry.singleBlock(),
                rt.launcher.args().ptr(rowOut.address()).ptr(out).i32(rows).f64(divisor));
    }

    private void launch(KernelEntry entry, Tensor pred, int rows, int cols, LaunchArgs args) {
        rt.launcher.launch(entry, pred.dtype(), grid(entry, rows, cols, (long) rows * cols), args);
    }

    private static LaunchArgs withBad(LaunchArgs args, boolean indices, long bad) {
        return indices ? args.ptr(bad) : args;
    }

    /** The grid for an entry: rows kernels by rows and width, element-wise ones over {@code elements}. */
    static Grid grid(KernelEntry entry, int rows, int cols, long elements) {
        return switch (entry.geometry()) {
            case ROWS -> LaunchGeometry.rows(rows, cols);
            case ELEMENTWISE -> LaunchGeometry.elementwise(elements);
            case COLUMNS -> LaunchGeometry.columns(cols);
            case SINGLE_BLOCK -> LaunchGeometry.singleBlock();
            case MULTI_TENSOR -> throw new IllegalArgumentException(entry + " is not a loss kernel");
        };
    }

    /**
     * The reference kernel's error for the first bad row or element the device reported: the class
     * index is re-checked on the host, which throws its message; BCE names the element and values.
     */
    private RuntimeException badInput(LossKind kind, boolean indices, Tensor pred, Tensor target, int where) {
        CudaTensor p = operands.of(pred, kind.cliName(), "pred");
        CudaTensor t = operands.of(target, kind.cliName(), "target");
        if (indices) {
            double v = rt.element(t, where);
            KernelChecks.classIndex(v, where, pred.cols());
            return new IllegalStateException(kind.cliName() + ": the device flagged the class index " + v + " in row "
                    + where + ", which the host finds valid");
        }
        int cols = pred.cols();
        return new IllegalArgumentException("bce: element [" + where / cols + ", " + where % cols + "] has prediction "
                + rt.element(p, where) + " and target " + rt.element(t, where) + "; both must lie in [0, 1]");
    }
}
