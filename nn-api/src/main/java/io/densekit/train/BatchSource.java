package io.densekit.train;

import io.densekit.kernel.HostKernel;
import io.densekit.kernel.Kernel;
import io.densekit.internal.Workspace;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * Hands out minibatches of one host data set in the kernel's memory. In order, a batch is a view
 * of rows {@code [from, to)} (made once per batch and kept); shuffled, its rows are gathered into a
 * reused host buffer (host kernels, which read it directly) or by the kernel's
 * {@code copyRowsFromHost} into a reused kernel buffer. Other kernels get views copied into a
 * reused kernel buffer. Buffers come in pairs used in turn, so the trainer can fetch batch
 * k + 1 while the kernel may still be computing step k on batch k. Steady-state epochs allocate nothing.
 *
 * <p>Resident (where the kernel {@linkplain Kernel#keepsResident keeps data}): the whole data set is
 * uploaded once, and every batch is cut from it in kernel memory ({@link Kernel#copyRows}) into the
 * same pair of buffers; the host sends at most the batch's row numbers.
 */
final class BatchSource implements AutoCloseable {
    private final Kernel kernel;
    private final HostTensor data;
    private final int batch;
    private final HostTensor[] views;
    private final Workspace[] staged;
    private final HostTensor[] gatheredFull = new HostTensor[2];
    private final HostTensor[] gatheredLast = new HostTensor[2];
    private final Tensor resident;
    private int turn;

    /** @param resident upload the data set now and cut batches from it in kernel memory */
    BatchSource(Kernel kernel, HostTensor data, int batch, boolean resident) {
        this.kernel = kernel;
        this.data = data;
        this.batch = batch;
        this.views = new HostTensor[(data.rows() + batch - 1) / batch];
        this.staged = kernel instanceof HostKernel && !resident ? null : new Workspace[] {
            new Workspace(kernel, data.dtype(), data.cols()), new Workspace(kernel, data.dtype(), data.cols())};
        this.resident = resident ? kernel.upload(data) : null;
    }

    /** Whether batches are cut from a copy of the data set in kernel memory. */
    boolean resident() {
        return resident != null;
    }

    /** Rows {@code order[from..to)} (or {@code [from, to)} when order is null) as a kernel tensor. */
    Tensor batch(int[] order, int from, int to) {
        int rows = to - from;
        turn ^= 1;
        if (resident != null) {
            Tensor t = staged[turn].get(rows);
            kernel.copyRows(resident, order, from, t); // in kernel memory; at most the row numbers travel
            return t;
        }
        if (order != null && staged != null) {
            Tensor t = staged[turn].get(rows);
            kernel.copyRowsFromHost(data, order, from, t); // gathered straight into the kernel's staging
            return t;
        }
        HostTensor host;
        if (order == null) {
            int index = from / batch;
            if (views[index] == null) {
                views[index] = data.rowSlice(from, to);
            }
            host = views[index];
        } else {
            host = gatherBuffer(rows);
            for (int i = 0; i < rows; i++) {
                data.copyRowInto(order[from + i], host, i);
            }
        }
        if (staged == null) {
            return host;
        }
        Tensor t = staged[turn].get(rows);
        kernel.copyFromHost(host, t);
        return t;
    }

    /** One buffer for full batches and one for the shorter last batch, per turn. */
    private HostTensor gatherBuffer(int rows) {
        if (rows == batch) {
            if (gatheredFull[turn] == null) {
                gatheredFull[turn] = HostTensor.zeros(data.dtype(), rows, data.cols());
            }
            return gatheredFull[turn];
        }
        if (gatheredLast[turn] == null || gatheredLast[turn].rows() != rows) {
            gatheredLast[turn] = HostTensor.zeros(data.dtype(), rows, data.cols());
        }
        return gatheredLast[turn];
    }

    @Override
    public void close() {
        if (resident != null) {
            resident.close();
        }
        if (staged != null) {
            staged[0].close();
            staged[1].close();
        }
    }
}
