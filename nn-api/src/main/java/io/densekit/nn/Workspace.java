package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Buffers of {@code [rows, width]} reused across steps. Training alternates between at most a few
 * batch sizes (full batches, the last partial one, validation chunks), so a few entries are kept
 * and the least recently used one is released beyond that: steady-state steps allocate nothing.
 */
final class Workspace implements AutoCloseable {
    private static final int KEEP = 4;
    private final Kernel kernel;
    private final DType dtype;
    private final int width;
    private final Map<Integer, Tensor> byRows = new LinkedHashMap<>(8, 0.75f, true);

    Workspace(Kernel kernel, DType dtype, int width) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.width = width;
    }

    Tensor get(int rows) {
        Tensor t = byRows.get(rows);
        if (t == null) {
            if (byRows.size() >= KEEP) {
                Integer eldest = byRows.keySet().iterator().next();
                byRows.remove(eldest).close();
            }
            t = kernel.allocate(dtype, rows, width);
            byRows.put(rows, t);
        }
        return t;
    }

    @Override
    public void close() {
        byRows.values().forEach(Tensor::close);
        byRows.clear();
    }
}
