// Losses, their gradients and the accuracy count, mirroring the reference kernel's formulas.
//
// A loss value is two launches: a *_rows kernel writes one double per row (its sum of terms) into
// row_out[rows], then dk_sum_div adds them in a fixed order and divides by the mean's count (the
// element count for mse and bce, the row count for the others), as the reference kernel does.
// Kernels with an `int* bad` argument validate their input: on an invalid value they atomicMin the
// row (class indices) or flat element index (bce) into *bad, which the host sets to INT_MAX before
// and reads after, to throw the reference kernel's error. Flat indices beyond INT_MAX saturate.
#pragma once

#define DK_BCE_LOG_FLOOR (-100.0)
#define DK_BCE_EPSILON 1e-12

template <typename T>
__device__ void dk_mse_rows(const T* pred, const T* target, double* row_out, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            double d = (double) pred[o + c] - (double) target[o + c];
            s += d * d;
        }
        s = dk_block_reduce(s, DK_REDUCE_SUM);
        if (threadIdx.x == 0) {
            row_out[r] = s;
        }
    }
}
DK_EXPORT(dk_mse_rows,
          (const float* pred, const float* target, double* row_out, int rows, int cols),
          (pred, target, row_out, rows, cols),
          (const double* pred, const double* target, double* row_out, int rows, int cols))

// Binary cross-entropy, logs clamped at -100 as PyTorch does; p and t must lie in [0, 1].
template <typename T>
__device__ void dk_bce_rows(const T* pred, const T* target, double* row_out, int rows, int cols, int* bad) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            double p = (double) pred[o + c];
            double t = (double) target[o + c];
            if (!(p >= 0 && p <= 1) || !(t >= 0 && t <= 1)) {
                dk_report_bad(bad, o + c);
            }
            s += (t - 1) * fmax(log1p(-p), DK_BCE_LOG_FLOOR) - t * fmax(log(p), DK_BCE_LOG_FLOOR);
        }
        s = dk_block_reduce(s, DK_REDUCE_SUM);
        if (threadIdx.x == 0) {
            row_out[r] = s;
        }
    }
}
DK_EXPORT(dk_bce_rows,
          (const float* pred, const float* target, double* row_out, int rows, int cols, int* bad),
          (pred, target, row_out, rows, cols, bad),
          (const double* pred, const double* target, double* row_out, int rows, int cols, int* bad))

// Cross-entropy on logits with dense targets: -sum_c t * (z - logsumexp(z)).
template <typename T>
__device__ void dk_ce_dense_rows(const T* logits, const T* target, double* row_out, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double m, e;
        dk_row_max_sum<T>(logits + o, nullptr, cols, &m, &e);
        double lse = m + log(e);
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            s -= (double) target[o + c] * ((double) logits[o + c] - lse);
        }
        s = dk_block_reduce(s, DK_REDUCE_SUM);
        if (threadIdx.x == 0) {
            row_out[r] = s;
        }
    }
}
DK_EXPORT(dk_ce_dense_rows,
          (const float* logits, const float* target, double* row_out, int rows, int cols),
          (logits, target, row_out, rows, cols),
          (const double* logits, const double* target, double* row_out, int rows, int cols))

// Cross-entropy on logits with class indices ([rows] values in the logits' dtype): lse - z[index].
template <typename T>
__device__ void dk_ce_index_rows(const T* logits, const T* index, double* row_out, int rows, int cols, int* bad) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double m, e;
        dk_row_max_sum<T>(logits + o, nullptr, cols, &m, &e);
        if (threadIdx.x == 0) {
            int k;
            if (dk_class_index(index[r], cols, &k)) {
                row_out[r] = m + log(e) - (double) logits[o + k];
            } else {
                dk_report_bad(bad, r);
                row_out[r] = NAN;
            }
        }
    }
}
DK_EXPORT(dk_ce_index_rows,
          (const float* logits, const float* index, double* row_out, int rows, int cols, int* bad),
          (logits, index, row_out, rows, cols, bad),
          (const double* logits, const double* index, double* row_out, int rows, int cols, int* bad))

// Negative log-likelihood on log-probabilities with dense targets: -sum_c t * p.
template <typename T>
__device__ void dk_nll_dense_rows(const T* logp, const T* target, double* row_out, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double s = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            s -= (double) target[o + c] * (double) logp[o + c];
        }
        s = dk_block_reduce(s, DK_REDUCE_SUM);
        if (threadIdx.x == 0) {
            row_out[r] = s;
        }
    }
}
DK_EXPORT(dk_nll_dense_rows,
          (const float* logp, const float* target, double* row_out, int rows, int cols),
          (logp, target, row_out, rows, cols),
          (const double* logp, const double* target, double* row_out, int rows, int cols))

// Negative log-likelihood with class indices: -p[index]. One thread per row.
template <typename T>
__device__ void dk_nll_index_rows(const T* logp, const T* index, double* row_out, int rows, int cols, int* bad) {
    DK_FOR_EACH(r, rows) {
        int k;
        if (dk_class_index(index[r], cols, &k)) {
            row_out[r] = -(double) logp[r * (long long) cols + k];
        } else {
            dk_report_bad(bad, r);
            row_out[r] = NAN;
        }
    }
}
DK_EXPORT(dk_nll_index_rows,
          (const float* logp, const float* index, double* row_out, int rows, int cols, int* bad),
          (logp, index, row_out, rows, cols, bad),
          (const double* logp, const double* index, double* row_out, int rows, int cols, int* bad))

// out[0] = (sum of x[0..n)) / divisor, summed in a fixed order. Launch exactly one block.
extern "C" __global__ void dk_sum_div(const double* x, double* out, int n, double divisor) {
    double s = 0;
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
        s += x[i];
    }
    s = dk_block_reduce(s, DK_REDUCE_SUM);
    if (threadIdx.x == 0) {
        out[0] = s / divisor;
    }
}

// ---- gradients of the mean-reduced losses ---------------------------------------------------------

// grad = 2 (p - t) / n over n elements.
template <typename T>
__device__ void dk_mse_grad(const T* pred, const T* target, T* grad, long long n) {
    DK_FOR_EACH(i, n) {
        grad[i] = T(2.0 * ((double) pred[i] - (double) target[i]) / (double) n);
    }
}
DK_EXPORT(dk_mse_grad,
          (const float* pred, const float* target, float* grad, long long n),
          (pred, target, grad, n),
          (const double* pred, const double* target, double* grad, long long n))

// grad = (p - t) / max((1 - p) p, 1e-12) / n, PyTorch's BCE gradient.
template <typename T>
__device__ void dk_bce_grad(const T* pred, const T* target, T* grad, long long n, int* bad) {
    DK_FOR_EACH(i, n) {
        double p = (double) pred[i];
        double t = (double) target[i];
        if (!(p >= 0 && p <= 1) || !(t >= 0 && t <= 1)) {
            dk_report_bad(bad, i);
        }
        grad[i] = T((p - t) / fmax((1.0 - p) * p, DK_BCE_EPSILON) / (double) n);
    }
}
DK_EXPORT(dk_bce_grad,
          (const float* pred, const float* target, float* grad, long long n, int* bad),
          (pred, target, grad, n, bad),
          (const double* pred, const double* target, double* grad, long long n, int* bad))

// Cross-entropy gradient, dense targets: (softmax(z) * sum(t) - t) / rows. One block per row.
template <typename T>
__device__ void dk_ce_dense_grad(const T* logits, const T* target, T* grad, int rows, int cols) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double m, e;
        dk_row_max_sum<T>(logits + o, nullptr, cols, &m, &e);
        double lse = m + log(e);
        double mass = 0;
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            mass += (double) target[o + c];
        }
        mass = dk_block_reduce(mass, DK_REDUCE_SUM);
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            double g = exp((double) logits[o + c] - lse) * mass - (double) target[o + c];
            grad[o + c] = T(g / rows);
        }
    }
}
DK_EXPORT(dk_ce_dense_grad,
          (const float* logits, const float* target, float* grad, int rows, int cols),
          (logits, target, grad, rows, cols),
          (const double* logits, const double* target, double* grad, int rows, int cols))

// Cross-entropy gradient, class indices: (softmax(z) - onehot(index)) / rows. One block per row.
template <typename T>
__device__ void dk_ce_index_grad(const T* logits, const T* index, T* grad, int rows, int cols, int* bad) {
    DK_FOR_EACH_ROW(r, rows) {
        long long o = (long long) r * cols;
        double m, e;
        dk_row_max_sum<T>(logits + o, nullptr, cols, &m, &e);
        double lse = m + log(e);
        int k;
        bool ok = dk_class_index(index[r], cols, &k);
        if (!ok && threadIdx.x == 0) {
            dk_report_bad(bad, r);
        }
        for (int c = threadIdx.x; c < cols; c += blockDim.x) {
            double g = exp((double) logits[o + c] - lse);
            if (!ok) {
                g = NAN;
            } else if (c == k) {
                g -= 1.0;
            }
            grad[o + c] = T(g / rows);
        }
    }
}
DK_EXPORT(dk_ce_index_grad,
          (const float* logits, const float* index, float* grad, int rows, int cols, int* bad),
          (logits, index, grad, rows, cols, bad),
          (const double* logits, const double* index, double* grad, int rows, int cols, int* bad))

// NLL gradient, dense targets: -t / rows over rows * cols elements.
template <typename T>
__device__ void dk_nll_dense_grad(const T* target, T* grad, int rows, int cols) {
    long long n = (long long) rows * cols;
    DK_FOR_EACH(i, n) {
        grad[i] = T(-(double) target[i] / rows);
    }
}
DK_EXPORT(dk_nll_dense_grad,
          (const float* target, float* grad, int rows, int cols),
          (target, grad, rows, cols),
          (const double* target, double* grad, int rows, int cols))

// NLL gradient, class indices: -1 / rows at the index, 0 elsewhere, over rows * cols elements.
template <typename T>
__device__ void dk_nll_index_grad(const T* index, T* grad, int rows, int cols, int* bad) {
    long long n = (long long) rows * cols;
    DK_FOR_EACH(i, n) {
        int r = (int) (i / cols);
        int c = (int) (i % cols);
        int k;
        if (dk_class_index(index[r], cols, &k)) {
            grad[i] = c == k ? T(-1.0 / rows) : T(0);
        } else {
            if (c == 0) {
                dk_report_bad(bad, r);
            }
            grad[i] = T(NAN);
        }
    }
}
DK_EXPORT(dk_nll_index_grad,
          (const float* index, float* grad, int rows, int cols, int* bad),
          (index, grad, rows, cols, bad),
          (const double* index, double* grad, int rows, int cols, int* bad))

// ---- accuracy -------------------------------------------------------------------------------------

// First column holding the row's largest value (strictly greater wins, so the first maximum).
template <typename T>
__device__ __forceinline__ int dk_arg_max(const T* row, int cols) {
    int best = 0;
    for (int c = 1; c < cols; c++) {
        if (row[c] > row[best]) {
            best = c;
        }
    }
    return best;
}

// row_out[r] = 1 when the prediction's arg-max is the target class (the index when target_is_index,
// else the target row's arg-max), else 0; sum with dk_sum_div(divisor 1). One thread per row.
template <typename T>
__device__ void dk_count_correct_rows(const T* pred, const T* target, double* row_out, int rows, int cols,
                                      int target_is_index, int* bad) {
    DK_FOR_EACH(r, rows) {
        int want;
        if (target_is_index) {
            if (!dk_class_index(target[r], cols, &want)) {
                dk_report_bad(bad, r);
                want = -1;
            }
        } else {
            want = dk_arg_max(target + r * (long long) cols, cols);
        }
        row_out[r] = dk_arg_max(pred + r * (long long) cols, cols) == want ? 1.0 : 0.0;
    }
}
DK_EXPORT(dk_count_correct_rows,
          (const float* pred, const float* target, double* row_out, int rows, int cols, int target_is_index, int* bad),
          (pred, target, row_out, rows, cols, target_is_index, bad),
          (const double* pred, const double* target, double* row_out, int rows, int cols, int target_is_index, int* bad))
