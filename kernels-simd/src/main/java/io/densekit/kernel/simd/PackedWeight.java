package io.densekit.kernel.simd;

import io.densekit.tensor.HostTensor;

/**
 * A layer weight's {@code op(B)} packed whole for the GEMM, kept in the weight tensor's
 * {@link HostTensor#kernelCache() cache slot} and valid only for the {@link HostTensor#version()
 * version} it was packed from, so it can never be used stale: every write to the tensor changes the
 * version first.
 *
 * <p>A weight is packed for keeps only when it is used a second time at the same version: a training
 * step changes its weights every step, so its forward passes pack per call, as before, into the
 * thread's workspace, and allocate nothing; a model that predicts packs once. The slot drops the
 * packed copy when it sees a newer version, so a trained model holds no stale copy.
 *
 * <p>Safe for concurrent callers without a lock: the packed copy is built completely, then published
 * by one volatile write, so a reader sees a whole copy or none; two threads packing the same weight
 * at once both build the same values, and either copy serves.
 */
final class PackedWeight {
    /** The layout: the register block's column count (packing depends on it, the tensor fixes the rest). */
    private final int nr;
    /** The version last used without packing: a second use at it packs for keeps. */
    private volatile long seen = -1;
    private volatile Packed packed;

    private record Packed(long version, Object data) {
    }

    private PackedWeight(int nr) {
        this.nr = nr;
    }

    /** The slot of {@code w} for this layout, installed on first use (a kernel of another width replaces it). */
    static PackedWeight of(HostTensor w, int nr) {
        if (w.kernelCache() instanceof PackedWeight p && p.nr == nr) {
            return p;
        }
        PackedWeight p = new PackedWeight(nr);
        w.setKernelCache(p);
        return p;
    }

    /** The packed copy for {@code version}, or null. */
    Object get(long version) {
        Packed p = packed;
        return p != null && p.version == version ? p.data : null;
    }

    /**
     * True when {@code version} was seen before without a packed copy, so the caller should pack for
     * keeps and {@link #put} it; otherwise remembers the version and drops an older copy.
     */
    boolean reused(long version) {
        if (seen == version) {
            return true;
        }
        seen = version;
        Packed p = packed;
        if (p != null && p.version != version) {
            packed = null;
        }
        return false;
    }

    /** Publishes a completely packed copy of the weight at {@code version}. */
    void put(long version, Object data) {
        packed = new Packed(version, data);
    }
}
