// Bias + activation forward and activation backward, element-wise kinds (identity, relu, sigmoid,
// tanh). The row-wise kinds (softmax, log-softmax) are in softmax.cuh.
#pragma once

template <typename T>
__device__ __forceinline__ T dk_act_forward(T x, int act) {
    switch (act) {
        case DK_ACT_IDENTITY: return x;
        // NaN stays NaN, as in the reference kernel.
        case DK_ACT_RELU: return x > T(0) ? x : (x != x ? x : T(0));
        case DK_ACT_SIGMOID: return T(1) / (T(1) + dk_exp(-x));
        case DK_ACT_TANH: return dk_tanh(x);
        default: return T(NAN); // an unknown code makes the bug visible
    }
}

// a = act(z + bias[col]); bias may be null (no bias); a may be z (in place).
template <typename T>
__device__ void dk_bias_act_forward(const T* z, const T* bias, T* a, int rows, int cols, int act) {
    long long n = (long long) rows * cols;
    DK_FOR_EACH(i, n) {
        T x = z[i];
        if (bias != nullptr) {
            x = x + bias[i % cols];
        }
        a[i] = dk_act_forward(x, act);
    }
}
DK_EXPORT(dk_bias_act_forward,
          (const float* z, const float* bias, float* a, int rows, int cols, int act),
          (z, bias, a, rows, cols, act),
          (const double* z, const double* bias, double* a, int rows, int cols, int act))

// d(loss)/dz of one element from the activation's output y and d(loss)/dy.
template <typename T>
__device__ __forceinline__ T dk_act_grad(T y, T g, int act) {
    switch (act) {
        case DK_ACT_IDENTITY: return g;
        case DK_ACT_RELU: return y > T(0) ? g : T(0);
        case DK_ACT_SIGMOID: return g * (y * (T(1) - y));
        case DK_ACT_TANH: return g * (T(1) - y * y);
        default: return T(NAN);
    }
}

// grad_z = grad_a * act'(from the output a); grad_z may be grad_a (in place).
template <typename T>
__device__ void dk_act_backward(const T* a, const T* grad_a, T* grad_z, long long n, int act) {
    DK_FOR_EACH(i, n) {
        grad_z[i] = dk_act_grad(a[i], grad_a[i], act);
    }
}
DK_EXPORT(dk_act_backward,
          (const float* a, const float* grad_a, float* grad_z, long long n, int act),
          (a, grad_a, grad_z, n, act),
          (const double* a, const double* grad_a, double* grad_z, long long n, int act))
