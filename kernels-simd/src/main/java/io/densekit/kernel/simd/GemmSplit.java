package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;

/**
 * How a GEMM's output is cut into parts for threads: along rows (each part packs all of B) or along
 * columns (each part packs all of A), whichever packs less per thread, in whole register blocks.
 * Packing a non-transposed B is a vector copy; the other packings move one element at a time and
 * cost about four times as much per element. Problems below a threshold ({@link #PARALLEL_MIN_FMAS} by default, a
 * {@link GemmPlan}'s otherwise) stay on one thread: dispatch would cost more than it saves. Static methods, so a call allocates nothing.
 */
final class GemmSplit {
    /**
     * Products of fewer multiply-adds run on the calling thread: no lock, no wake-up. Handing a part
     * to a spinning worker cost 0.7-1 us (p50, 2-core Zen 3), and one thread computes 15-48 G
     * multiply-adds/s in row groups (f32, Zen 4), so a product of 2^14 (16 K multiply-adds plus its
     * epilogue, a 333 x 32 x 32 layer's part being 170 K) already gains from a second thread. A
     * worker whose core is busy with another process costs nothing more: the caller runs the parts
     * that worker has not claimed (see {@link WorkerPool}). On a Zen 4 the seed MLP's training step
     * ran 1.2x as fast as with 2^20, and 784-128-64-10 at batch 512 1.1x. The split never changes a
     * bit, so the threshold is free to move: a tuned plan may move it.
     */
    static final long PARALLEL_MIN_FMAS = 1L << 14;

    private GemmSplit() {
    }

    /**
     * Whether a product in row groups splits by rows. Row groups pack no A, so a row split costs every
     * part a packing of all of B, and a column split only its share: on a Zen 4, X W^T at 256 x 1024
     * x 1024 on two threads ran at 95 GFLOP/s split by rows and 128 in the register block, whose
     * column split packs half of B per part. Columns, then, once every thread gets several slivers
     * (4 or more, so a part's panels still feed its row groups); rows below that, where a column
     * split would leave threads idle. Also columns from 2 slivers per thread where B is at least
     * half as large as A (m <= 2n): the part's packing of B then costs more than reading all of A
     * instead of its share; on a Xeon the 784-128-64-10 step at batch 64 (its 64 x 784 x 128 X W^T
     * packs W^T) ran 0.85-0.88x the time, builds alternated three times; at batch 512 rows stayed
     * as fast.
     */
    static boolean rowGroupsByRows(int m, int n, int threads, int nr) {
        if (n >= 4 * nr * threads) {
            return false;
        }
        return n < 2 * nr * threads || m > 2 * n;
    }

    static boolean byRows(int m, int n, int k, int threads, boolean transB) {
        double a = (double) m * k * 4;
        double b = (double) n * k * (transB ? 4 : 1);
        return a / threads + b <= a + b / threads;
    }

    /**
     * What the epilogue costs per output element, in multiply-adds: an exponential-based activation
     * (about 30 vector operations per vector of values) weighs as much as a product 32 deep, so
     * narrow layers with such activations are split sooner. Only where the split falls depends on it.
     */
    static int epilogueFmas(Activation act) {
        return switch (act) {
            case IDENTITY, RELU -> 1;
            case SIGMOID, TANH, SOFTMAX, LOG_SOFTMAX -> 32;
        };
    }

    /** The number of parts: 1 below {@code minFmas} of work, else up to one per thread. */
    static int parts(int m, int n, int k, int epilogueFmas, int threads, long minFmas, boolean byRows, int mr,
                     int nr) {
        long work = (long) m * n * (Math.max(k, 1) + epilogueFmas);
        if (threads <= 1 || work < minFmas) {
            return 1;
        }
        return Math.max(1, Math.min(threads, units(m, n, byRows, mr, nr)));
    }

    /** Rows (or columns) per part: whole register blocks. */
    static int chunk(int m, int n, int parts, boolean byRows, int mr, int nr) {
        int unit = byRows ? mr : nr;
        int units = units(m, n, byRows, mr, nr);
        return (units + parts - 1) / parts * unit;
    }

    private static int units(int m, int n, boolean byRows, int mr, int nr) {
        return byRows ? (m + mr - 1) / mr : (n + nr - 1) / nr;
    }
}
