package io.densekit.train;

import io.densekit.kernel.HostKernel;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out minibatches of one host data set in the kernel's memory. In order, a batch is a view
 * of rows {@code [from, to)}; shuffled, its rows are gathered into a reused host buffer first. Host
 * kernels read the host batch directly; other kernels get it copied into a reused kernel buffer.
 */
final class BatchSource implements AutoCloseable {
    private final Kernel kernel;
    private final HostTensor data;
    private final Map<Integer, HostTensor> gathered = new HashMap<>();
    private final Map<Integer, Tensor> staged = new HashMap<>();

    BatchSource(Kernel kernel, HostTensor data) {
        this.kernel = kernel;
        this.data = data;
    }

    /** Rows {@code order[from..to)} (or {@code [from, to)} when order is null) as a kernel tensor. */
    Tensor batch(int[] order, int from, int to) {
        int rows = to - from;
        HostTensor host;
        if (order == null) {
            host = data.rowSlice(from, to);
        } else {
            host = gathered.computeIfAbsent(rows, r -> HostTensor.zeros(data.dtype(), r, data.cols()));
            for (int i = 0; i < rows; i++) {
                data.rowSlice(order[from + i], order[from + i] + 1).copyInto(host.rowSlice(i, i + 1));
            }
        }
        if (kernel instanceof HostKernel) {
            return host;
        }
        Tensor t = staged.computeIfAbsent(rows, r -> kernel.allocate(data.dtype(), r, data.cols()));
        kernel.copyFromHost(host, t);
        return t;
    }

    @Override
    public void close() {
        staged.values().forEach(Tensor::close);
        staged.clear();
    }
}
