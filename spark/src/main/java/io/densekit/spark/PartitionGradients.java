package io.densekit.spark;

import io.densekit.train.GradientSum;
import io.densekit.train.GradientTree;
import java.io.Serializable;
import java.util.List;

/**
 * What one partition returns for one step: the sums of the gradient-tree nodes that lie inside its
 * run of chunks (left to right) and the kernel it computed them with; or, from an executor that
 * cannot run the pinned kernel, the kernel's reason instead. The reason is returned rather than
 * thrown: running the task again on that executor cannot help, a returned reason needs no
 * exception to survive serialization, and the driver reports it as one line naming the partition.
 *
 * @param executor    where the partition ran ({@link ExecutorName#current()})
 * @param pin         the kernel the partition computed with; null when it could not run it
 * @param unavailable why the pinned kernel cannot run on that executor; null when it ran
 */
record PartitionGradients(String executor, KernelPin pin, String unavailable, List<GradientTree.Node> nodes,
                          List<GradientSum> sums) implements Serializable {

    static PartitionGradients computed(String executor, KernelPin pin, List<GradientTree.Node> nodes,
                                       List<GradientSum> sums) {
        return new PartitionGradients(executor, pin, null, nodes, sums);
    }

    static PartitionGradients unavailable(String executor, String reason) {
        return new PartitionGradients(executor, null, reason, List.of(), List.of());
    }

    /**
     * Refuses a partition that could not run the driver's kernel (with the kernel's reason) or
     * ran it at another vector width: either would break the fit's exactness, and no other kernel
     * stands in for the pinned one.
     */
    void requirePinned(KernelPin driver, int partition) {
        String where = "partition " + partition + " (" + executor + ")";
        if (unavailable != null) {
            throw driver.cannotRun(where, "the fit", unavailable);
        }
        driver.requireSame(pin, where);
    }
}
