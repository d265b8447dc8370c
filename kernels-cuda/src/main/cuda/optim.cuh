// Fused optimizer updates, element-wise, computed in double in both precisions so float32 results
// round once, as the reference kernel's do (the build disables FMA contraction for the same reason).
#pragma once

// torch.optim.SGD: d = g + wd p; with momentum: buf = first ? d : momentum buf + (1 - dampening) d,
// d = nesterov ? d + momentum buf : buf; then p = p - lr d. buf may be null when momentum == 0.
template <typename T>
__device__ __forceinline__ void dk_sgd_element(T* param, const T* grad, T* buf, long long i, double lr,
                                               double momentum, double dampening, double weight_decay,
                                               int nesterov, int first_step) {
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

template <typename T>
__device__ void dk_sgd_update(T* param, const T* grad, T* buf, long long n, double lr, double momentum,
                              double dampening, double weight_decay, int nesterov, int first_step) {
    DK_FOR_EACH(i, n) {
        dk_sgd_element(param, grad, buf, i, lr, momentum, dampening, weight_decay, nesterov, first_step);
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

template <typename T>
__device__ __forceinline__ void dk_adam_element(T* param, const T* grad, T* m, T* v, long long i, double beta1,
                                                double beta2, double eps, double weight_decay, double step_size,
                                                double bc2_sqrt) {
    double p = (double) param[i];
    double d = (double) grad[i];
    if (weight_decay != 0) {
        d = d + weight_decay * p;
    }
    // The update uses the unrounded moments, as the reference kernel does; they are stored rounded.
    double mi = dk_lerp((double) m[i], d, 1 - beta1);
    double vi = (double) v[i] * beta2 + (1 - beta2) * d * d;
    m[i] = T(mi);
    v[i] = T(vi);
    double denom = sqrt(vi) / bc2_sqrt + eps;
    param[i] = T(p + (-step_size) * (mi / denom));
}

// torch.optim.Adam (amsgrad off) at step t, with step_size = lr / (1 - beta1^t) and
// bc2_sqrt = sqrt(1 - beta2^t) computed on the host (as the reference kernel does, in Java):
// d = g + wd p; m = lerp(m, d, 1 - beta1); v = beta2 v + (1 - beta2) d^2;
// p = p - step_size * m / (sqrt(v) / bc2_sqrt + eps).
template <typename T>
__device__ void dk_adam_update(T* param, const T* grad, T* m, T* v, long long n, double beta1, double beta2,
                               double eps, double weight_decay, double step_size, double bc2_sqrt) {
    DK_FOR_EACH(i, n) {
        dk_adam_element(param, grad, m, v, i, beta1, beta2, eps, weight_decay, step_size, bc2_sqrt);
    }
}
DK_EXPORT(dk_adam_update,
          (float* param, const float* grad, float* m, float* v, long long n, double beta1, double beta2,
           double eps, double weight_decay, double step_size, double bc2_sqrt),
          (param, grad, m, v, n, beta1, beta2, eps, weight_decay, step_size, bc2_sqrt),
          (double* param, const double* grad, double* m, double* v, long long n, double beta1, double beta2,
           double eps, double weight_decay, double step_size, double bc2_sqrt))

// ---- several tensors in one launch ---------------------------------------------------------------

// The multi-tensor updates take a table of DK_MULTI_STRIDE 64-bit entries per tensor in device
// memory: {param, grad, state0, state1, n} (state0: SGD's momentum buffer or Adam's m, may be 0
// for SGD without momentum; state1: Adam's v, 0 for SGD). Grid: y = tensor (gridDim.y >= count),
// x = a grid-stride loop over that tensor's n elements, as the element-wise kernels.
#define DK_MULTI_STRIDE 5

template <typename T>
__device__ void dk_sgd_update_multi(const long long* table, int count, double lr, double momentum,
                                    double dampening, double weight_decay, int nesterov, int first_step) {
    for (int t = blockIdx.y; t < count; t += gridDim.y) {
        const long long* e = table + (long long) t * DK_MULTI_STRIDE;
        T* param = (T*) e[0];
        const T* grad = (const T*) e[1];
        T* buf = (T*) e[2];
        DK_FOR_EACH(i, e[4]) {
            dk_sgd_element(param, grad, buf, i, lr, momentum, dampening, weight_decay, nesterov, first_step);
        }
    }
}
DK_EXPORT(dk_sgd_update_multi,
          (const long long* table, int count, double lr, double momentum, double dampening, double weight_decay,
           int nesterov, int first_step),
          (table, count, lr, momentum, dampening, weight_decay, nesterov, first_step),
          (const long long* table, int count, double lr, double momentum, double dampening, double weight_decay,
           int nesterov, int first_step))

template <typename T>
__device__ void dk_adam_update_multi(const long long* table, int count, double beta1, double beta2, double eps,
                                     double weight_decay, double step_size, double bc2_sqrt) {
    for (int t = blockIdx.y; t < count; t += gridDim.y) {
        const long long* e = table + (long long) t * DK_MULTI_STRIDE;
        DK_FOR_EACH(i, e[4]) {
            dk_adam_element((T*) e[0], (const T*) e[1], (T*) e[2], (T*) e[3], i, beta1, beta2, eps, weight_decay,
                            step_size, bc2_sqrt);
        }
    }
}
DK_EXPORT(dk_adam_update_multi,
          (const long long* table, int count, double beta1, double beta2, double eps, double weight_decay,
           double step_size, double bc2_sqrt),
          (table, count, beta1, beta2, eps, weight_decay, step_size, bc2_sqrt),
          (const long long* table, int count, double beta1, double beta2, double eps, double weight_decay,
           double step_size, double bc2_sqrt))
