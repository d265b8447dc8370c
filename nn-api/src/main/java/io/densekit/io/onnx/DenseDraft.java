package io.densekit.io.onnx;

import io.densekit.kernel.Activation;
import io.densekit.tensor.HostTensor;

/**
 * A Dense layer being assembled from a run of nodes: Gemm, or MatMul then an optional Add of the
 * bias, then an optional activation. The weight is {@code [out, in]}, as densekit and PyTorch store it.
 */
final class DenseDraft {
    final HostTensor weight;
    final String node;
    private HostTensor bias;
    private Activation activation = Activation.IDENTITY;

    DenseDraft(HostTensor weight, HostTensor bias, String node) {
        this.weight = weight;
        this.bias = bias;
        this.node = node;
    }

    int in() {
        return weight.cols();
    }

    int out() {
        return weight.rows();
    }

    /** True while an Add may still supply the bias: after a MatMul, before any activation. */
    boolean awaitsBias() {
        return bias == null && activation == Activation.IDENTITY;
    }

    void bias(HostTensor b) {
        bias = b;
    }

    boolean hasActivation() {
        return activation != Activation.IDENTITY;
    }

    void activation(Activation a) {
        activation = a;
    }

    Activation activation() {
        return activation;
    }

    /** The bias as a vector {@code [out]}; zeros when the graph has none (MatMul alone), which is exact. */
    HostTensor biasVector() {
        return bias == null ? HostTensor.zeros(weight.dtype(), out()) : bias.reshape(out());
    }
}
