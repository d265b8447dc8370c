// Column sums (the bias gradient), deterministic: no atomics.
#pragma once

// out[c] = sum over r of g[r, c]. 2-D blocks (blockDim.x * blockDim.y <= 1024; (32, 8) suggested),
// grid.x = ceil(cols / blockDim.x): thread (x, y) sums rows y, y + blockDim.y, ... of column
// blockIdx.x * blockDim.x + x in double, then thread y == 0 adds the blockDim.y partial sums in order.
template <typename T>
__device__ void dk_column_sums(const T* g, T* out, int rows, int cols) {
    __shared__ double part[1024];
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    double s = 0;
    if (col < cols) {
        for (int r = threadIdx.y; r < rows; r += blockDim.y) {
            s += (double) g[(long long) r * cols + col];
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
DK_EXPORT(dk_column_sums,
          (const float* g, float* out, int rows, int cols),
          (g, out, rows, cols),
          (const double* g, double* out, int rows, int cols))
