// Row-wise softmax and log-softmax (with an optional bias added first) and their backward passes.
// One block per row (grid-stride over rows); the sums accumulate in double.
#pragma once

// Max and log-sum-exp of row r of (z + bias), shared by forward passes and the losses.
template <typename T>
__device__ void dk_row_max_sum(const T* row, const T* bias, int cols, double* max_out, double* sum_out) {
    double m = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        T x = bias != nullptr ? T(row[c] + bias[c]) : row[c];
        m = dk_max(m, (double) x);
    }
    m = dk_block_reduce(m, DK_REDUCE_MAX);
    double s = 0;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        T x = bias != nullptr ? T(row[c] + bias[c]) : row[c];
        s += exp((double) x - m);
    }
    s = dk_block_reduce(s, DK_REDUCE_SUM);
    *max_out = m;
    *sum_out = s;
}

// a = softmax(z + bias) per row (log_softmax when log != 0); bias may be null; a may be z.
template <typename T>
__device__ void dk_bias_softmax_rows(const T* z, const T* bias, T* a, int rows, int cols, int log_form) {
    DK_FOR_EACH_ROW(r, rows) {
        const T* zr = z + (long long) r * cols;
        T* ar = a + (long long) r * cols;
        double m, s;
        dk_row_max_sum(zr, bias, cols, &m, &s);
        double log_s = log(s);
        // Every thread has read its row elements above; each now writes only the ones it reads.
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            double x = (double) (bias != nullptr ? T(zr[c] + bias[c]) : zr[c]);
            ar[c] = log_form ? T(x - m - log_s) : T(exp(x - m) / s);
        }
    }
}

template <typename T>
__device__ void dk_bias_softmax_forward(const T* z, const T* bias, T* a, int rows, int cols) {
    dk_bias_softmax_rows(z, bias, a, rows, cols, 0);
}
DK_EXPORT(dk_bias_softmax_forward,
          (const float* z, const float* bias, float* a, int rows, int cols),
          (z, bias, a, rows, cols),
          (const double* z, const double* bias, double* a, int rows, int cols))

template <typename T>
__device__ void dk_bias_log_softmax_forward(const T* z, const T* bias, T* a, int rows, int cols) {
    dk_bias_softmax_rows(z, bias, a, rows, cols, 1);
}
DK_EXPORT(dk_bias_log_softmax_forward,
          (const float* z, const float* bias, float* a, int rows, int cols),
          (z, bias, a, rows, cols),
          (const double* z, const double* bias, double* a, int rows, int cols))

// Softmax backward from the output: grad_z = a * (grad_a - sum(grad_a * a)) per row; in place allowed.
template <typename T>
__device__ void dk_softmax_backward(const T* a, const T* grad_a, T* grad_z, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double dot = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            dot += (double) grad_a[o + c] * (double) a[o + c];
        }
        dot = dk_block_reduce(dot, DK_REDUCE_SUM);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            grad_z[o + c] = T((double) a[o + c] * ((double) grad_a[o + c] - dot));
        }
    }
}
DK_EXPORT(dk_softmax_backward,
          (const float* a, const float* grad_a, float* grad_z, int rows, int cols),
          (a, grad_a, grad_z, rows, cols),
          (const double* a, const double* grad_a, double* grad_z, int rows, int cols))

// Log-softmax backward from the output: grad_z = grad_a - exp(a) * sum(grad_a) per row; in place allowed.
template <typename T>
__device__ void dk_log_softmax_backward(const T* a, const T* grad_a, T* grad_z, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double sum = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            sum += (double) grad_a[o + c];
        }
        sum = dk_block_reduce(sum, DK_REDUCE_SUM);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            grad_z[o + c] = T((double) grad_a[o + c] - exp((double) a[o + c]) * sum);
        }
    }
}
DK_EXPORT(dk_log_softmax_backward,
          (const float* a, const float* grad_a, float* grad_z, int rows, int cols),
          (a, grad_a, grad_z, rows, cols),
          (const double* a, const double* grad_a, double* grad_z, int rows, int cols))
