package io.densekit.cli;

import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;

/** Classification accuracy for the losses that classify; regression (mse) has none. */
public final class Accuracy {
    private Accuracy() {
    }

    public static boolean applies(LossKind loss) {
        return loss != LossKind.MSE;
    }

    /**
     * cross_entropy and nll: the fraction of rows whose arg-max output is the target class. bce: the
     * fraction of outputs on the target's side of 0.5 (multi-label outputs count one by one).
     */
    public static double of(Sequential model, LossKind loss, HostTensor x, HostTensor y) {
        if (loss != LossKind.BCE) {
            return model.accuracy(x, y);
        }
        HostTensor p = model.predict(x);
        long right = 0;
        for (int i = 0; i < p.size(); i++) {
            right += (p.getFlat(i) >= 0.5) == (y.getFlat(i) >= 0.5) ? 1 : 0;
        }
        return p.size() == 0 ? 0 : (double) right / p.size();
    }
}
