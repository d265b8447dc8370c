package io.densekit.conformance;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.HostKernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.Tensor;

/** A kernel under another name that computes exactly as the reference does: a kernel that must pass. */
public class ReferenceTwin extends HostKernel {
    protected final ReferenceKernel ref = new ReferenceKernel();
    private final String name;

    public ReferenceTwin(String name) {
        this.name = name;
    }

    @Override public String name() { return name; }
    @Override public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        ref.gemm(ta, tb, alpha, a, b, beta, c);
    }
    @Override public void addRowVector(Tensor bias, Tensor z) { ref.addRowVector(bias, z); }
    @Override public void columnSums(Tensor g, Tensor out) { ref.columnSums(g, out); }
    @Override public void activationForward(Activation act, Tensor z, Tensor a) { ref.activationForward(act, z, a); }
    @Override public void activationBackward(Activation act, Tensor a, Tensor g, Tensor gz) { ref.activationBackward(act, a, g, gz); }
    @Override public double loss(LossKind k, Tensor p, Tensor t) { return ref.loss(k, p, t); }
    @Override public void lossGradient(LossKind k, Tensor p, Tensor t, Tensor g) { ref.lossGradient(k, p, t, g); }
    @Override public long countCorrect(Tensor p, Tensor t) { return ref.countCorrect(p, t); }
    @Override public void sgdUpdate(Tensor p, Tensor g, Tensor m, SgdParams s, boolean f) { ref.sgdUpdate(p, g, m, s, f); }
    @Override public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, AdamParams a, long s) { ref.adamUpdate(p, g, m, v, a, s); }
}
