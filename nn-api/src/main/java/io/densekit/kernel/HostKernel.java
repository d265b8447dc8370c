package io.densekit.kernel;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.EnumSet;
import java.util.Set;

/** Base of kernels whose memory is the Java heap: tensors are {@link HostTensor}s. */
public abstract class HostKernel extends AbstractKernel {

    @Override
    public String device() {
        return "cpu";
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.of(DType.F32, DType.F64);
    }

    @Override
    public Tensor allocate(DType dtype, int... shape) {
        requireOpen();
        return HostTensor.zeros(dtype, shape);
    }

    @Override
    public void copyFromHost(HostTensor src, Tensor dst) {
        KernelChecks.sameSize("copyFromHost", src, dst);
        src.copyInto(host(dst));
    }

    @Override
    public void copyToHost(Tensor src, HostTensor dst) {
        KernelChecks.sameSize("copyToHost", src, dst);
        host(src).copyInto(dst);
    }

    /** Operands are host tensors: the trainer and inference hand them over without copies. */
    @Override
    public boolean readsHostMemory() {
        return true;
    }

    /** The rows go straight into dst (one copy, no temporary). */
    @Override
    public void copyRowsFromHost(HostTensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowGather("copyRowsFromHost", src, order, from, dst);
        HostTensor d = host(dst);
        for (int i = 0; i < d.rows(); i++) {
            src.copyRowInto(order[from + i], d, i);
        }
    }

    /** A plain copy between host arrays (nothing to download). */
    @Override
    public void copyRows(Tensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowCopy("copyRows", src, order, from, dst);
        HostTensor s = host(src);
        HostTensor d = host(dst);
        for (int i = 0; i < d.rows(); i++) {
            s.copyRowInto(order == null ? from + i : order[from + i], d, i);
        }
    }

    /**
     * The tensor as a host tensor, or a clear error when it lives elsewhere or this (owned) kernel
     * is closed: every operation passes its operands through here, so none runs on a closed kernel.
     */
    protected final HostTensor host(Tensor t) {
        requireOpen();
        if (t instanceof HostTensor h) {
            return h;
        }
        throw KernelChecks.foreign(name(), t);
    }
}
