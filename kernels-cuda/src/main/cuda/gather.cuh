// Row copies inside device memory: minibatches cut from a data set kept on the device.
#pragma once

// dst row r = src row (idx != null ? idx[r] : first + r), for r < rows; every row is cols wide.
// Element-wise over rows * cols, so any grid works. The host checks every index before the launch.
template <typename T>
__device__ void dk_gather_rows(const T* src, const int* idx, int first, T* dst, int rows, int cols) {
    long long n = (long long) rows * cols;
    DK_FOR_EACH(i, n) {
        long long r = i / cols;
        long long c = i - r * cols;
        long long from = idx != nullptr ? (long long) idx[r] : (long long) first + r;
        dst[i] = src[from * cols + c];
    }
}
DK_EXPORT(dk_gather_rows,
          (const float* src, const int* idx, int first, float* dst, int rows, int cols),
          (src, idx, first, dst, rows, cols),
          (const double* src, const int* idx, int first, double* dst, int rows, int cols))
