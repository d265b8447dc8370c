package io.densekit.internal;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;

/**
 * Buffers of {@code [rows, width]} in kernel memory, reused across steps. Training alternates
 * between a few batch sizes (full batches, the last partial one, validation chunks), so a few
 * entries are kept and the least recently used one is released beyond that. Lookups scan plain
 * arrays (no boxed keys), so steady-state steps allocate nothing.
 */
public final class Workspace implements AutoCloseable {
    private static final int KEEP = 4;
    private final Kernel kernel;
    private final DType dtype;
    private final int width;
    private final int[] rows = new int[KEEP];
    private final long[] lastUse = new long[KEEP];
    private final Tensor[] tensors = new Tensor[KEEP];
    private long clock;

    public Workspace(Kernel kernel, DType dtype, int width) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.width = width;
    }

    /** The buffer for {@code r} rows, allocated on first use. */
    public Tensor get(int r) {
        clock++;
        int victim = 0;
        for (int i = 0; i < KEEP; i++) {
            if (tensors[i] != null && rows[i] == r) {
                lastUse[i] = clock;
                return tensors[i];
            }
            if (tensors[i] == null || (tensors[victim] != null && lastUse[i] < lastUse[victim])) {
                victim = i;
            }
        }
        if (tensors[victim] != null) {
            tensors[victim].close();
        }
        tensors[victim] = kernel.allocate(dtype, r, width);
        rows[victim] = r;
        lastUse[victim] = clock;
        return tensors[victim];
    }

    @Override
    public void close() {
        for (int i = 0; i < KEEP; i++) {
            if (tensors[i] != null) {
                tensors[i].close();
                tensors[i] = null;
            }
        }
    }
}
