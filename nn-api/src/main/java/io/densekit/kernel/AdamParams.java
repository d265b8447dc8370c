package io.densekit.kernel;

/**
 * Hyper-parameters of one Adam update, as {@code torch.optim.Adam} (amsgrad off) applies them at step t:
 * <pre>
 *   g = grad + weightDecay * p
 *   m = m + (1 - beta1) * (g - m)          (torch's lerp)
 *   v = beta2 * v + (1 - beta2) * g * g
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 */
public record AdamParams(double lr, double beta1, double beta2, double eps, double weightDecay) {
    public AdamParams {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("Adam eps and weight decay must be >= 0");
        }
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public static AdamParams defaults(double lr) {
        return new AdamParams(lr, 0.9, 0.999, 1e-8, 0);
    }
}
