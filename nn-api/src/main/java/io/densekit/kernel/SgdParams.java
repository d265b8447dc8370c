package io.densekit.kernel;

/**
 * Hyper-parameters of one SGD update, as {@code torch.optim.SGD} applies them:
 * <pre>
 *   g = grad + weightDecay * p
 *   if momentum != 0: buf = first ? g : momentum * buf + (1 - dampening) * g
 *                     g   = nesterov ? g + momentum * buf : buf
 *   p = p - lr * g
 * </pre>
 */
public record SgdParams(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
    public SgdParams {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        if (!(momentum >= 0) || !Double.isFinite(momentum)) {
            throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("dampening must be finite, got " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening");
        }
    }

    public static SgdParams plain(double lr) {
        return new SgdParams(lr, 0, 0, false, 0);
    }

    public boolean hasMomentum() {
        return momentum != 0;
    }
}
