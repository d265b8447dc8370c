// A CPU stand-in for cuBLAS (libcublas.so.13): the entry points densekit binds (native's
// CublasFunction), with cuBLAS's column-major GEMM semantics and its argument rules, so that
// densekit's row-major-by-operand-order calls are checked for real:
//  - m, n, k >= 0 and lda, ldb, ldc at least the stored rows of op(A), op(B), C (else
//    CUBLAS_STATUS_INVALID_VALUE, as cuBLAS returns);
//  - every element the call would touch lies inside one device allocation (the driver stand-in
//    knows them), else CUBLAS_STATUS_EXECUTION_FAILED with a line on stderr;
//  - beta == 0 overwrites C without reading it (NaN in C is ignored), as cuBLAS does;
//  - float32 accumulates in float; with the TF32 math mode the inputs are first rounded to TF32
//    (10 mantissa bits), the tensor cores' precision, so a TF32 run differs from an FP32 run.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "emu_capture.h"

extern "C" int densekit_emu_device_range_ok(const void* p, size_t bytes);

namespace {

enum Status : int {
    SUCCESS = 0,
    NOT_INITIALIZED = 1,
    INVALID_VALUE = 7,
    EXECUTION_FAILED = 13,
    NOT_SUPPORTED = 15,
};

struct Handle {
    void* stream = nullptr;
    int math_mode = 0;
    int pointer_mode = 0;
    void* workspace = nullptr;
    size_t workspace_bytes = 0;
};

constexpr int kTf32TensorOpMath = 3;

float to_tf32(float x) {
    if (!std::isfinite(x)) {
        return x;
    }
    uint32_t u;
    std::memcpy(&u, &x, 4);
    u += 0x0FFFu + ((u >> 13) & 1u);  // round to nearest even on the 13 dropped bits
    u &= ~0x1FFFu;
    std::memcpy(&x, &u, 4);
    return x;
}

// Does the rows x cols column-major matrix at p with leading dimension ld lie in device memory?
template <typename T>
bool in_device(const T* p, int rows, int cols, int ld) {
    if (rows == 0 || cols == 0) {
        return true;
    }
    size_t elems = (size_t) (cols - 1) * (size_t) ld + (size_t) rows;
    return densekit_emu_device_range_ok(p, elems * sizeof(T)) != 0;
}

template <typename T>
int gemm_now(const char* name, bool tf32, int ta, int tb, int m, int n, int k, T al, const T* a, int lda, const T* b,
             int ldb, T be, T* c, int ldc);

template <typename T>
int gemm(const char* name, Handle* h, int ta, int tb, int m, int n, int k, const T* alpha, const T* a, int lda,
         const T* b, int ldb, const T* beta, T* c, int ldc) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    if (ta < 0 || ta > 2 || tb < 0 || tb > 2 || m < 0 || n < 0 || k < 0) {
        return INVALID_VALUE;
    }
    int a_rows = ta == 0 ? m : k;
    int b_rows = tb == 0 ? k : n;
    if (lda < (a_rows > 1 ? a_rows : 1) || ldb < (b_rows > 1 ? b_rows : 1) || ldc < (m > 1 ? m : 1)) {
        return INVALID_VALUE;
    }
    if (m == 0 || n == 0) {
        return SUCCESS;
    }
    // Host-pointer mode: alpha and beta are read when the call is queued, so a recording keeps
    // their values, as cuBLAS bakes them into the captured graph.
    const T al = *alpha, be = *beta;
    const bool tf32 = sizeof(T) == 4 && h->math_mode == kTf32TensorOpMath;
    auto run = [=]() { return gemm_now(name, tf32, ta, tb, m, n, k, al, a, lda, b, ldb, be, c, ldc); };
    if (emu::defer(h->stream, run)) {
        return SUCCESS;
    }
    return run();
}

template <typename T>
int gemm_now(const char* name, bool tf32, int ta, int tb, int m, int n, int k, T al, const T* a, int lda, const T* b,
             int ldb, T be, T* c, int ldc) {
    int a_rows = ta == 0 ? m : k, a_cols = ta == 0 ? k : m;
    int b_rows = tb == 0 ? k : n, b_cols = tb == 0 ? n : k;
    if (!in_device(c, m, n, ldc) || (k > 0 && (!in_device(a, a_rows, a_cols, lda) || !in_device(b, b_rows, b_cols, ldb)))) {
        std::fprintf(stderr, "densekit cublas emulator: %s(m=%d n=%d k=%d lda=%d ldb=%d ldc=%d) reaches outside device "
                     "memory\n", name, m, n, k, lda, ldb, ldc);
        return EXECUTION_FAILED;
    }
    static const bool arithmetic = [] {  // DENSEKIT_EMU_ARITHMETIC=off: checked, not computed (host timing)
        const char* s = std::getenv("DENSEKIT_EMU_ARITHMETIC");
        return s == nullptr || std::strcmp(s, "off") != 0;
    }();
    if (!arithmetic) {
        return SUCCESS;
    }
    auto in = [tf32](T v) { return tf32 ? (T) to_tf32((float) v) : v; };
    auto A = [&](int i, int l) { return in(ta == 0 ? a[(size_t) l * lda + i] : a[(size_t) i * lda + l]); };
    auto B = [&](int l, int j) { return in(tb == 0 ? b[(size_t) j * ldb + l] : b[(size_t) l * ldb + j]); };
    // op(A) and op(B) copied once, column-major and contiguous (rounded to TF32 in that mode), so the
    // loop below reads them in order whatever the transposes. Each element of C still sums its k
    // products in order l = 0, 1, ..., with one rounding per operation: the copies change no bit.
    std::vector<T> ap((size_t) m * k), bp((size_t) k * n);
    for (int l = 0; l < k; l++) {
        for (int i = 0; i < m; i++) {
            ap[(size_t) l * m + i] = A(i, l);
        }
    }
    for (int j = 0; j < n; j++) {
        for (int l = 0; l < k; l++) {
            bp[(size_t) j * k + l] = B(l, j);
        }
    }
    std::vector<T> acc((size_t) m);
    T* __restrict sum = acc.data();
    for (int j = 0; j < n; j++) {
        std::fill(acc.begin(), acc.end(), T(0));
        for (int l = 0; l < k; l++) {
            const T blj = bp[(size_t) j * k + l];
            const T* __restrict al_col = ap.data() + (size_t) l * m;
            for (int i = 0; i < m; i++) {
                sum[i] += al_col[i] * blj;
            }
        }
        T* cj = c + (size_t) j * ldc;
        for (int i = 0; i < m; i++) {
            cj[i] = be == T(0) ? al * acc[i] : al * acc[i] + be * cj[i];
        }
    }
    return SUCCESS;
}

}  // namespace

extern "C" {

int cublasCreate_v2(Handle** h) {
    *h = new Handle();
    return SUCCESS;
}

int cublasDestroy_v2(Handle* h) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    delete h;
    return SUCCESS;
}

int cublasGetVersion_v2(Handle* h, int* v) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    *v = 130100;
    return SUCCESS;
}

int cublasSetStream_v2(Handle* h, void* stream) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    h->stream = stream;
    return SUCCESS;
}

int cublasSetMathMode(Handle* h, int mode) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    h->math_mode = mode;
    return SUCCESS;
}

int cublasGetMathMode(Handle* h, int* mode) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    *mode = h->math_mode;
    return SUCCESS;
}

int cublasSetPointerMode_v2(Handle* h, int mode) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    if (mode != 0) {
        return NOT_SUPPORTED;  // the emulator reads alpha and beta from host memory only
    }
    h->pointer_mode = mode;
    return SUCCESS;
}

int cublasSetWorkspace_v2(Handle* h, void* workspace, size_t bytes) {
    if (h == nullptr) {
        return NOT_INITIALIZED;
    }
    h->workspace = workspace;
    h->workspace_bytes = bytes;
    return SUCCESS;
}

int cublasSgemm_v2(Handle* h, int ta, int tb, int m, int n, int k, const float* alpha, const float* a, int lda,
                   const float* b, int ldb, const float* beta, float* c, int ldc) {
    return gemm("cublasSgemm_v2", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

int cublasDgemm_v2(Handle* h, int ta, int tb, int m, int n, int k, const double* alpha, const double* a, int lda,
                   const double* b, int ldb, const double* beta, double* c, int ldc) {
    return gemm("cublasDgemm_v2", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// Bound by densekit but not called by its kernel; the emulator does not implement it.
int cublasGemmEx(Handle*, int, int, int, int, int, const void* /*alpha*/, const void* /*A*/, int, int,
                 const void* /*B*/, int, int, const void* /*beta*/, void* /*C*/, int, int, int, int) {
    return NOT_SUPPORTED;
}

}  // extern "C"
