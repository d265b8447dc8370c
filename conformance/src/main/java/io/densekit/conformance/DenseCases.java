package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;

/** The fused dense forward {@code act(x w^T + b)} and its backward, for one activation and shape. */
public final class DenseCases {
    public static final String FORWARD = "dense forward";
    public static final String BACKWARD = "dense backward";

    private DenseCases() {
    }

    public static Case of(DType dt, Activation act, int n, int in, int out, long seed) {
        String what = act.specName() + " n=" + n + " in=" + in + " out=" + out;
        String name = "dense " + act + " " + dt + " n=" + n + " in=" + in + " out=" + out;
        return new Case("dense forward/backward", name, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor x = rnd.normalish(dt, n, in);
            HostTensor w = rnd.uniform(dt, out, in, -1, 1);
            HostTensor b = rnd.uniform(dt, 1, out, -1, 1).reshape(out);
            HostTensor a = HostTensor.zeros(dt, n, out);
            reference.denseForward(x, w, b, act, a);
            Tensor aK = kernel.allocate(dt, n, out);
            kernel.denseForward(up(kernel, x), up(kernel, w), up(kernel, b), act, aK);
            // The dense output's error scale is its pre-activation's: |x| |w|^T + |b|, then through act
            // (every activation here is 1-Lipschitz per element; softmax rows add their width). Where act
            // computes a new value (all but identity and relu), its own final rounding, |a| u, adds to that:
            // log-softmax of near-zero logits is about -log(out), far above the pre-activation's scale.
            HostTensor zScale = ErrorScales.gemm(false, true, x, w, 1, 0, a, n, out, in);
            for (int i = 0; i < zScale.size(); i++) {
                zScale.setFlat(i, zScale.getFlat(i) + Math.abs(b.getFlat(i % out)));
            }
            boolean linear = act == Activation.IDENTITY || act == Activation.RELU;
            recorder.record(FORWARD, what, Deviation.of(a, down(kernel, aK), linear ? zScale : ErrorScales.max(zScale, a)),
                    Tolerance.mixed(dt, in + out + 1));

            HostTensor gradA = rnd.normalish(dt, n, out);
            HostTensor gW = HostTensor.zeros(dt, out, in);
            HostTensor gB = HostTensor.zeros(dt, out);
            HostTensor gX = HostTensor.zeros(dt, n, in);
            reference.denseBackward(x, w, a, act, gradA.copy(), gW, gB, gX);
            Tensor gWK = kernel.allocate(dt, out, in);
            Tensor gBK = kernel.allocate(dt, out);
            Tensor gXK = kernel.allocate(dt, n, in);
            kernel.denseBackward(up(kernel, x), up(kernel, w), up(kernel, a), act, up(kernel, gradA), gWK, gBK, gXK);
            // Scales: the products of |dz|'s own scale with |x| and |w|.
            HostTensor dzScale = ErrorScales.activationBackward(act, a, gradA);
            recorder.record(BACKWARD, what + " grad w", Deviation.of(gW, down(kernel, gWK),
                    ErrorScales.gemm(true, false, dzScale, x, 1, 0, gW, out, in, n)), Tolerance.mixed(dt, n + out));
            recorder.record(BACKWARD, what + " grad b", Deviation.of(gB, down(kernel, gBK),
                    ErrorScales.colAbsSum(dzScale)), Tolerance.mixed(dt, n + out));
            recorder.record(BACKWARD, what + " grad x", Deviation.of(gX, down(kernel, gXK),
                    ErrorScales.gemm(false, false, dzScale, w, 1, 0, gX, n, in, out)), Tolerance.mixed(dt, out * 2));
        });
    }
}
