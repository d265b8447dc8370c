package io.densekit.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** Moves host operands into a kernel's memory and results back, so cases read the same on every kernel. */
final class Operands {
    private Operands() {
    }

    /** A copy of {@code h} in the kernel's memory (a copy, so the kernel cannot change the host operand). */
    static Tensor up(Kernel k, HostTensor h) {
        return h == null ? null : k.upload(h.copy());
    }

    static HostTensor down(Kernel k, Tensor t) {
        return k.download(t);
    }

    /** An {@code [m, n]} tensor of NaN: an output that a GEMM with beta 0 must ignore. */
    static HostTensor nan(DType dt, int m, int n) {
        HostTensor c = HostTensor.zeros(dt, m, n);
        for (int i = 0; i < m * n; i++) {
            c.setFlat(i, Double.NaN);
        }
        return c;
    }

    /** Element-wise natural logarithm. */
    static HostTensor log(HostTensor p) {
        HostTensor out = p.copy();
        for (int i = 0; i < out.size(); i++) {
            out.setFlat(i, Math.log(p.getFlat(i)));
        }
        return out;
    }
}
