package io.densekit.bench.jmh;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * A multilayer perceptron trained by plain SGD through the Kernel operations a densekit model calls
 * (denseForward, loss, lossGradient, denseBackward, sgdUpdate), with every buffer allocated once, so
 * a step measures the kernel and nothing else. Initialisation follows nn.Linear's uniform bounds.
 */
final class KernelMlp {
    private final Kernel k;
    private final Activation[] acts;
    private final LossKind loss;
    private final Tensor x;
    private final Tensor y;
    private final Tensor[] w;
    private final Tensor[] b;
    private final Tensor[] out;
    private final Tensor[] grad;
    private final Tensor[] gw;
    private final Tensor[] gb;
    private final SgdParams sgd = SgdParams.plain(0.01);

    /** widths[0] is the input width; acts[l] is layer l's activation. */
    KernelMlp(Kernel k, DType dt, int batch, int[] widths, Activation[] acts, LossKind loss, long seed) {
        this.k = k;
        this.acts = acts;
        this.loss = loss;
        int layers = acts.length;
        SplittableRandom rnd = new SplittableRandom(seed);
        x = k.upload(uniform(dt, batch, widths[0], 1, rnd));
        int classes = widths[layers];
        HostTensor target = loss == LossKind.CROSS_ENTROPY ? HostTensor.zeros(dt, batch, 1)
                : uniform(dt, batch, classes, 1, rnd);
        if (loss == LossKind.CROSS_ENTROPY) {
            for (int i = 0; i < batch; i++) {
                target.setFlat(i, rnd.nextInt(classes));
            }
        }
        y = k.upload(target);
        w = new Tensor[layers];
        b = new Tensor[layers];
        out = new Tensor[layers];
        grad = new Tensor[layers];
        gw = new Tensor[layers];
        gb = new Tensor[layers];
        for (int l = 0; l < layers; l++) {
            double bound = 1 / Math.sqrt(widths[l]);
            w[l] = k.upload(uniform(dt, widths[l + 1], widths[l], bound, rnd));
            b[l] = k.upload(uniform(dt, 1, widths[l + 1], bound, rnd).reshape(widths[l + 1]));
            out[l] = k.allocate(dt, batch, widths[l + 1]);
            grad[l] = k.allocate(dt, batch, widths[l + 1]);
            gw[l] = k.allocate(dt, widths[l + 1], widths[l]);
            gb[l] = k.allocate(dt, widths[l + 1]);
        }
    }

    private static HostTensor uniform(DType dt, int rows, int cols, double bound, SplittableRandom rnd) {
        HostTensor t = HostTensor.zeros(dt, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            t.setFlat(i, (rnd.nextDouble() * 2 - 1) * bound);
        }
        return t;
    }

    /** One training step: forward, loss, backward, SGD. Returns the loss. */
    double step() {
        int layers = acts.length;
        for (int l = 0; l < layers; l++) {
            k.denseForward(l == 0 ? x : out[l - 1], w[l], b[l], acts[l], out[l]);
        }
        double value = k.loss(loss, out[layers - 1], y);
        k.lossGradient(loss, out[layers - 1], y, grad[layers - 1]);
        for (int l = layers - 1; l >= 0; l--) {
            k.denseBackward(l == 0 ? x : out[l - 1], w[l], out[l], acts[l], grad[l], gw[l], gb[l],
                    l == 0 ? null : grad[l - 1]);
        }
        for (int l = 0; l < layers; l++) {
            k.sgdUpdate(w[l], gw[l], null, sgd, false);
            k.sgdUpdate(b[l], gb[l], null, sgd, false);
        }
        k.synchronize();
        return value;
    }
}
