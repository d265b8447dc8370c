package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** The fused dense forward and backward passes, for every activation. */
final class DenseCheck implements OpCheck {
    private final int shapes;
    private final int maxSize;

    DenseCheck(int shapes, int maxSize) {
        this.shapes = shapes;
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        for (Activation act : Activation.values()) {
            for (int s = 0; s < shapes; s++) {
                int n = rnd.size(maxSize);
                int in = rnd.size(maxSize);
                int out = rnd.size(maxSize);
                String what = act.specName() + " n=" + n + " in=" + in + " out=" + out;
                try {
                    check(reference, kernel, rnd, tally, act, n, in, out, what);
                } catch (RuntimeException e) {
                    tally.failed("dense forward/backward", what, e);
                }
            }
        }
    }

    private static void check(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally, Activation act,
                              int n, int in, int out, String what) {
        DType dt = tally.dtype();
        HostTensor x = rnd.normalish(dt, n, in);
        HostTensor w = rnd.uniform(dt, out, in, -1, 1);
        HostTensor b = rnd.uniform(dt, 1, out, -1, 1).reshape(out);
        HostTensor a = HostTensor.zeros(dt, n, out);
        reference.denseForward(x, w, b, act, a);
        Tensor aK = kernel.allocate(dt, n, out);
        kernel.denseForward(up(kernel, x), up(kernel, w), up(kernel, b), act, aK);
        // The output's scale is its pre-activation's, |x| |w|^T + |b|, carried through the activation
        // (1-Lipschitz per element; softmax rows add their width, hence the mixed tolerance).
        HostTensor zScale = ErrorScales.gemm(false, true, x, w, 1, 0, a, n, out, in);
        for (int i = 0; i < zScale.size(); i++) {
            zScale.setFlat(i, zScale.getFlat(i) + Math.abs(b.getFlat(i % out)));
        }
        boolean linearScale = act == Activation.IDENTITY || act == Activation.RELU || act == Activation.LOG_SOFTMAX;
        tally.record("dense forward", what, Deviation.of(a, down(kernel, aK),
                linearScale ? zScale : ErrorScales.max(zScale, a)), Tolerances.mixed(dt, in + out + 1));

        HostTensor gradA = rnd.normalish(dt, n, out);
        HostTensor gW = HostTensor.zeros(dt, out, in);
        HostTensor gB = HostTensor.zeros(dt, out);
        HostTensor gX = HostTensor.zeros(dt, n, in);
        reference.denseBackward(x, w, a, act, gradA.copy(), gW, gB, gX);
        Tensor gWK = kernel.allocate(dt, out, in);
        Tensor gBK = kernel.allocate(dt, out);
        Tensor gXK = kernel.allocate(dt, n, in);
        kernel.denseBackward(up(kernel, x), up(kernel, w), up(kernel, a), act, up(kernel, gradA), gWK, gBK, gXK);
        HostTensor dzScale = ErrorScales.activationBackward(act, a, gradA);
        tally.record("dense backward", what + " grad w", Deviation.of(gW, down(kernel, gWK),
                ErrorScales.gemm(true, false, dzScale, x, 1, 0, gW, out, in, n)), Tolerances.mixed(dt, n + out));
        tally.record("dense backward", what + " grad b", Deviation.of(gB, down(kernel, gBK),
                ErrorScales.colAbsSum(dzScale)), Tolerances.mixed(dt, n + out));
        tally.record("dense backward", what + " grad x", Deviation.of(gX, down(kernel, gXK),
                ErrorScales.gemm(false, false, dzScale, w, 1, 0, gX, n, in, out)), Tolerances.mixed(dt, out * 2));
    }
}
