package io.densekit.kernel.simd;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * The multi-tensor optimizer updates ({@code sgdUpdateAll}, {@code adamUpdateAll}) on the worker
 * pool. The parameters' elements, taken tensor after tensor, are cut into one contiguous range per
 * thread, so a model of many small layers splits as evenly as one of a few large ones. The work is
 * element-wise: how it is split never changes a bit. Below {@link #MIN_PARALLEL_ELEMENTS} it stays
 * on the calling thread, where a dispatch would cost more than it saves. A task object per calling
 * thread is reused, so a step allocates nothing here.
 */
final class ParallelUpdates {
    /** About 30 µs of update on one thread: below it, waking the workers costs more than it saves. */
    static final long MIN_PARALLEL_ELEMENTS = 1L << 16;

    private final WorkerPool pool;
    private final TypedOps f32;
    private final TypedOps f64;
    private final ThreadLocal<Task> tasks = ThreadLocal.withInitial(Task::new);

    ParallelUpdates(WorkerPool pool, TypedOps f32, TypedOps f64) {
        this.pool = pool;
        this.f32 = f32;
        this.f64 = f64;
    }

    /**
     * SGD on the first {@code count} tensors; the caller checked them (all host tensors, matching
     * shapes). {@code buffers} may be null.
     */
    void sgd(int count, Tensor[] params, Tensor[] grads, Tensor[] buffers, SgdParams p, boolean first) {
        Task t = tasks.get();
        t.count = count;
        t.params = params;
        t.grads = grads;
        t.state0 = buffers;
        t.sgd = p;
        t.firstStep = first;
        run(t);
    }

    /** Adam on the first {@code count} tensors at {@code step}; the caller checked them, as for SGD. */
    void adam(int count, Tensor[] params, Tensor[] grads, Tensor[] ms, Tensor[] vs, AdamParams p,
              long step) {
        Task t = tasks.get();
        t.count = count;
        t.params = params;
        t.grads = grads;
        t.state0 = ms;
        t.state1 = vs;
        t.adam = p;
        t.step = step;
        run(t);
    }

    private void run(Task t) {
        long total = 0;
        for (int i = 0; i < t.count; i++) {
            total += t.params[i].size();
        }
        t.total = total;
        t.parts = pool.threads() > 1 && total >= MIN_PARALLEL_ELEMENTS ? pool.threads() : 1;
        try {
            pool.run(t.parts, t);
        } finally {
            t.clear();
        }
    }

    /** One update over the parameters, cut into {@code parts} ranges of their concatenated elements. */
    private final class Task implements ParallelTask {
        int count;
        Tensor[] params;
        Tensor[] grads;
        Tensor[] state0;
        Tensor[] state1;
        SgdParams sgd;
        AdamParams adam;
        boolean firstStep;
        long step;
        long total;
        int parts;

        @Override
        public void runPart(int part, Workspace workspace) {
            long lo = total * part / parts;
            long hi = total * (part + 1) / parts;
            long start = 0; // of tensor i in the concatenation
            for (int i = 0; i < count && start < hi; i++) {
                long n = params[i].size();
                if (start + n > lo) {
                    apply(i, (int) (Math.max(lo, start) - start), (int) (Math.min(hi, start + n) - start));
                }
                start += n;
            }
        }

        private void apply(int i, int from, int to) {
            TypedOps ops = params[i].dtype() == DType.F32 ? f32 : f64;
            if (adam != null) {
                ops.adam(host(params[i]), host(grads[i]), host(state0[i]), host(state1[i]), adam, step, from, to);
            } else {
                ops.sgd(host(params[i]), host(grads[i]), state0 == null ? null : host(state0[i]), sgd, firstStep,
                        from, to);
            }
        }

        private static HostTensor host(Tensor t) {
            return (HostTensor) t;
        }

        /** Drops the references, so the task keeps no tensor alive between calls. */
        void clear() {
            params = null;
            grads = null;
            state0 = null;
            state1 = null;
            sgd = null;
            adam = null;
        }
    }
}
