// Shared helpers of the densekit CUDA kernels. Included once, by densekit_kernels.cu.
//
// Conventions (see README.md): every matrix is row-major and contiguous; f32 kernels store float,
// f64 kernels double; reductions accumulate in double in both, in a fixed order for a given launch
// geometry, without atomics, so results are reproducible run to run.
#pragma once

#define DK_ACT_IDENTITY 0
#define DK_ACT_RELU 1
#define DK_ACT_SIGMOID 2
#define DK_ACT_TANH 3

// Precise (not fast-math) overloads, so templates read the same for float and double.
__device__ __forceinline__ float dk_exp(float x) { return expf(x); }
__device__ __forceinline__ double dk_exp(double x) { return exp(x); }
__device__ __forceinline__ float dk_tanh(float x) { return tanhf(x); }
__device__ __forceinline__ double dk_tanh(double x) { return tanh(x); }

// Java's Math.max: NaN when either is NaN (fmax would drop the NaN).
__device__ __forceinline__ double dk_max(double a, double b) {
    return (a != a || b != b) ? (a + b) : (a > b ? a : b);
}

// Grid-stride loop over n elements: any grid works; launch ceil(n / blockDim.x) blocks or fewer.
#define DK_FOR_EACH(i, n) \
    for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long) gridDim.x * blockDim.x)

// Block-per-row loop: block b handles rows b, b + gridDim.x, ...; all threads of a block iterate
// together, so __syncthreads() inside the body is safe.
#define DK_FOR_EACH_ROW(r, rows) for (int r = blockIdx.x; r < (rows); r += gridDim.x)

#define DK_REDUCE_SUM 0
#define DK_REDUCE_MAX 1

// Reduces one double per thread across the block (blockDim.x <= 1024, any size, 1-D blocks) in a
// fixed tree order; every thread gets the result. Starts with a barrier so it may be called again
// right after a previous call.
__device__ double dk_block_reduce(double v, int op) {
    __shared__ double buf[1024];
    unsigned t = threadIdx.x;
    unsigned n = blockDim.x;
    __syncthreads();
    buf[t] = v;
    __syncthreads();
    unsigned p = 1;
    while (p < n) {
        p <<= 1;
    }
    for (unsigned s = p >> 1; s > 0; s >>= 1) {
        if (t < s && t + s < n) {
            buf[t] = op == DK_REDUCE_SUM ? buf[t] + buf[t + s] : dk_max(buf[t], buf[t + s]);
        }
        __syncthreads();
    }
    return buf[0];
}

// A class index stored in the prediction's dtype: valid when a whole number in [0, cols).
template <typename T>
__device__ __forceinline__ bool dk_class_index(T v, int cols, int* idx) {
    double d = (double) v;
    if (!(d >= 0 && d < cols) || d != rint(d)) {
        return false;
    }
    *idx = (int) d;
    return true;
}

// Records the smallest bad row or element index (the host initialises *bad to INT_MAX).
__device__ __forceinline__ void dk_report_bad(int* bad, long long where) {
    if (bad != nullptr) {
        atomicMin(bad, (int) (where > 0x7fffffffLL ? 0x7fffffffLL : where));
    }
}

// Declares the f32 and f64 extern "C" entry points of a kernel template: NAME_f32 and NAME_f64.
// The CPU emulator (kernels-cuda/src/test/emulator) defines its own, which also registers them.
#ifndef DK_EXPORT
#define DK_EXPORT(NAME, PARAMS_F, ARGS, PARAMS_D)                                   \
    extern "C" __global__ void NAME##_f32 PARAMS_F { NAME<float> ARGS; }           \
    extern "C" __global__ void NAME##_f64 PARAMS_D { NAME<double> ARGS; }
#endif
