// Fused optimizer updates, element-wise, computed in double in both precisions so float32 results
// round once, as the reference kernel's do (the build disables FMA contraction for the same reason).
#pragma once

// torch.optim.SGD: d = g + wd p; with momentum: buf = first ? d : momentum buf + (1 - dampening) d,
// d = nesterov ? d + momentum buf : buf; then p = p - lr d. buf may be null when momentum == 0.
template <typename T>
__device__ void dk_sgd_update(T* param, const T* grad, T* buf, long long n, double lr, double momentum,
                              double dampening, double weight_decay, int nesterov, int first_step) {
    DK_FOR_EACH(i, n) {
        double p = (double) param[i];
        double d = (double) grad[i];
        if (weight_decay != 0) {
            d = d + weight_decay * p;
        }
        if (momentum != 0 && buf != nullptr) {
            double b = first_step ? d : momentum * (double) buf[i] + (1 - dampening) * d;
            buf[i] = T(b);
            // The update uses the unrounded buffer value, as the reference kernel does.
            d = nesterov ? d + momentum * b : b;
        }
        param[i] = T(p + (-lr) * d);
    }
}
DK_EXPORT(dk_sgd_update,
          (float* param, const float* grad, float* buf, long long n, double lr, double momentum,
           double dampening, double weight_decay, int nesterov, int first_step),
          (param, grad, buf, n, lr, momentum, dampening, weight_decay, nesterov, first_step),
          (double* param, const double* grad, double* buf, long long n, double lr, double momentum,
           double dampening, double weight_decay, int nesterov, int first_step))

// torch's lerp, which picks its form by the weight to stay exact at both ends.
__device__ __forceinline__ double dk_lerp(double start, double end, double weight) {
    return weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
}

// torch.optim.Adam (amsgrad off) at step t, with step_size = lr / (1 - beta1^t) and
// bc2_sqrt = sqrt(1 - beta2^t) computed on the host (as the reference kernel does, in Java):
// d = g + wd p; m = lerp(m, d, 1 - beta1); v = beta2 v + (1 - beta2) d^2;
// p = p - step_size * m / (sqrt(v) / bc2_sqrt + eps).
template <typename T>
__device__ void dk_adam_update(T* param, const T* grad, T* m, T* v, long long n, double beta1, double beta2,
                               double eps, double weight_decay, double step_size, double bc2_sqrt) {
    double weight = 1 - beta1;
    DK_FOR_EACH(i, n) {
        double p = (double) param[i];
        double d = (double) grad[i];
        if (weight_decay != 0) {
            d = d + weight_decay * p;
        }
        // The update uses the unrounded moments, as the reference kernel does; they are stored rounded.
        double mi = dk_lerp((double) m[i], d, weight);
        double vi = (double) v[i] * beta2 + (1 - beta2) * d * d;
        m[i] = T(mi);
        v[i] = T(vi);
        double denom = sqrt(vi) / bc2_sqrt + eps;
        param[i] = T(p + (-step_size) * (mi / denom));
    }
}
DK_EXPORT(dk_adam_update,
          (float* param, const float* grad, float* m, float* v, long long n, double beta1, double beta2,
           double eps, double weight_decay, double step_size, double bc2_sqrt),
          (param, grad, m, v, n, beta1, beta2, eps, weight_decay, step_size, bc2_sqrt),
          (double* param, const double* grad, double* m, double* v, long long n, double beta1, double beta2,
           double eps, double weight_decay, double step_size, double bc2_sqrt))
