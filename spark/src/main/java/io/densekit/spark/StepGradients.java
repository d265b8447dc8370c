package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.nn.Sequential;
import io.densekit.nn.TrainingLease;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.ChunkedGradients;
import io.densekit.train.GradientSum;
import io.densekit.train.GradientTree;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/**
 * An executor's part of one step: rebuild the driver's model from the broadcast weights on the
 * pinned kernel, compute the gradient sums of this partition's chunks of the batch with
 * {@link ChunkedGradients#chunkGradient} (the loss divided by the global batch), and add them in
 * the nodes of the {@link GradientTree} inside the partition's run of chunks. The same chunks and
 * weights give the same bits on every attempt, so a retried task changes nothing. An executor that
 * cannot run the pinned kernel returns the kernel's reason instead.
 */
final class StepGradients implements FlatMapFunction<Iterator<PartitionChunks>, PartitionGradients> {
    private static final long serialVersionUID = 1L;
    private final WorkerSettings settings;
    private final ChunkLayout layout;
    private final int batch;
    private final Broadcast<ModelWeights> weights;

    StepGradients(WorkerSettings settings, ChunkLayout layout, int batch, Broadcast<ModelWeights> weights) {
        this.settings = settings;
        this.layout = layout;
        this.batch = batch;
        this.weights = weights;
    }

    @Override
    public Iterator<PartitionGradients> call(Iterator<PartitionChunks> partition) {
        Kernel kernel;
        KernelPin pin;
        try {
            kernel = KernelPin.resolve(settings.kernel());
            pin = KernelPin.of(kernel);
        } catch (KernelUnavailableException e) { // reported to the driver, not retried (see PartitionGradients)
            return List.of(PartitionGradients.unavailable(ExecutorName.current(), e.getMessage())).iterator();
        }
        PartitionChunks.Run run = partition.hasNext() ? partition.next().batch(batch) : null;
        List<GradientTree.Node> nodes = run == null ? List.of()
                : GradientTree.nodesWithin(layout.chunks(batch), run.from(), run.to());
        List<GradientSum> sums = new ArrayList<>();
        if (!nodes.isEmpty()) {
            int batchRows = layout.batchRows(batch);
            try (Sequential model = weights.value().toSequential(kernel);
                 ChunkedGradients chunks = new ChunkedGradients(model, settings.loss(), settings.chunkRows());
                 TrainingLease lease = model.startTraining()) {
                for (GradientTree.Node node : nodes) {
                    sums.add(GradientTree.sum(node, n -> n.size() > 1 ? null
                            : chunk(kernel, chunks, run.x()[n.from() - run.from()], run.y()[n.from() - run.from()],
                                    batchRows)));
                }
            }
        }
        return List.of(PartitionGradients.computed(ExecutorName.current(), pin, nodes, sums)).iterator();
    }

    private static GradientSum chunk(Kernel kernel, ChunkedGradients chunks, HostTensor x, HostTensor y, int batchRows) {
        try (Tensor xs = kernel.upload(x); Tensor ys = kernel.upload(y)) {
            return chunks.chunkGradient(xs, ys, batchRows);
        }
    }
}
