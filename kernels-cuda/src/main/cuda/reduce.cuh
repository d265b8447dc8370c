// Column sums (the bias gradient), deterministic: no atomics.
#pragma once

// The column sums of g, or (with act >= 0) the dense layer's backward epilogue: g = act'(a) * g in
// place, then out = its column sums (the bias gradient), in one pass over g.
// out[c] = sum over r of g[r, c]. 2-D blocks (blockDim.x * blockDim.y <= 1024; (32, 8) suggested),
// grid.x = ceil(cols / blockDim.x): thread (x, y) sums rows y, y + blockDim.y, ... of column
// blockIdx.x * blockDim.x + x in double, then thread y == 0 adds the blockDim.y partial sums in order.
// The same geometry and summation order with and without act, so the fused epilogue's bias gradient
// has the bits of dk_act_backward followed by dk_column_sums.
template <typename T>
__device__ void dk_column_sums_of(const T* a, T* g, T* out, int rows, int cols, int act) {
    __shared__ double part[1024];
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    double s = 0;
    if (col < cols) {
        for (int r = threadIdx.y; r < rows; r += blockDim.y) {
            long long i = (long long) r * cols + col;
            T v = g[i];
            if (act >= 0) {
                v = dk_act_grad(a[i], v, act);
                g[i] = v;
            }
            s += (double) v;
        }
    }
    part[threadIdx.y * blockDim.x + threadIdx.x] = s;
    __syncthreads();
    if (threadIdx.y == 0 && col < cols) {
        double total = 0;
        for (int y = 0; y < blockDim.y; y++) {
            total += part[y * blockDim.x + threadIdx.x];
        }
        out[col] = T(total);
    }
}

template <typename T>
__device__ void dk_column_sums(const T* g, T* out, int rows, int cols) {
    dk_column_sums_of<T>(nullptr, const_cast<T*>(g), out, rows, cols, -1);
}
DK_EXPORT(dk_column_sums,
          (const float* g, float* out, int rows, int cols),
          (g, out, rows, cols),
          (const double* g, double* out, int rows, int cols))

// Same launch geometry as dk_column_sums. act is an element-wise activation code (DK_ACT_*).
template <typename T>
__device__ void dk_act_backward_column_sums(const T* a, T* grad, T* bias_grad, int rows, int cols, int act) {
    dk_column_sums_of<T>(a, grad, bias_grad, rows, cols, act);
}
DK_EXPORT(dk_act_backward_column_sums,
          (const float* a, float* grad, float* bias_grad, int rows, int cols, int act),
          (a, grad, bias_grad, rows, cols, act),
          (const double* a, double* grad, double* bias_grad, int rows, int cols, int act))
