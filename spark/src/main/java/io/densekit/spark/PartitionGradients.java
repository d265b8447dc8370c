package io.densekit.spark;

import io.densekit.train.GradientSum;
import io.densekit.train.GradientTree;
import java.io.Serializable;
import java.util.List;

/**
 * What one partition returns for one step: the sums of the gradient-tree nodes that lie inside its
 * run of chunks (left to right), and the kernel it computed them with.
 */
record PartitionGradients(KernelPin pin, List<GradientTree.Node> nodes, List<GradientSum> sums)
        implements Serializable {
}
