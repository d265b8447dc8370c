package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.optim.Optimizer;
import io.densekit.train.ChunkedGradients;
import io.densekit.train.GradientSum;
import io.densekit.train.GradientTree;
import io.densekit.train.History;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The driver's side of exact synchronous data-parallel training. The rows are put in the order of
 * the row-order column, numbered, and sent to the partitions their chunks belong to
 * ({@link ChunkLayout}), where they stay cached as chunks. Then every step: the driver broadcasts
 * the weights, each partition returns its gradient-tree nodes ({@link StepGradients}), the
 * results are collected in partition order, the driver completes the tree over chunk indices and
 * takes the optimizer step with {@link ChunkedGradients#step(Sequential, GradientSum, Optimizer)}:
 * the computation of the chunked {@link io.densekit.train.Trainer}, bit for bit, for any number of
 * partitions.
 */
final class DistributedFit {

    /** The trained weights, the per-epoch train losses and the kernel every partition computed with. */
    record Result(ModelWeights weights, History history, KernelPin pin) {
    }

    private DistributedFit() {
    }

    static Result run(Dataset<?> data, TrainingSettings s, String featuresCol, String labelCol, String rowOrderCol) {
        Kernel kernel = KernelPin.resolve(s.kernel());
        KernelPin pin = KernelPin.of(kernel);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(data.sparkSession().sparkContext());
        JavaRDD<Row> rows = data.toDF().select(rowOrderCol, featuresCol, labelCol).javaRDD();
        int partitions = rows.getNumPartitions();
        JavaPairRDD<Double, Tuple2<double[], double[]>> sorted = rows
                .mapToPair(r -> new Tuple2<>(Columns.values(r, 0)[0],
                        new Tuple2<>(Columns.values(r, 1), Columns.values(r, 2))))
                .sortByKey(true, partitions);
        // Rows per sorted partition (one job), then each row's index in the order from those counts.
        List<Long> counts = sorted.mapPartitions(it -> {
            long c = 0;
            for (; it.hasNext(); it.next()) {
                c++;
            }
            return List.of(c).iterator();
        }).collect();
        long[] starts = new long[counts.size()];
        long n = 0;
        for (int p = 0; p < counts.size(); p++) {
            starts[p] = n;
            n += counts.get(p);
        }
        if (n == 0) {
            throw new IllegalArgumentException("the data has no rows; nothing to train on");
        }
        JavaPairRDD<Long, Tuple2<double[], double[]>> numbered = sorted.mapPartitionsWithIndex((p, it) -> {
            long[] next = {starts[p]};
            return new java.util.Iterator<Tuple2<Long, Tuple2<double[], double[]>>>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Tuple2<Long, Tuple2<double[], double[]>> next() {
                    return new Tuple2<>(next[0]++, it.next()._2());
                }
            };
        }, true).mapToPair(t -> t);
        ChunkLayout layout = new ChunkLayout(n, s.batchSize(), s.chunkRows(), partitions);
        WorkerSettings worker = s.worker();
        JavaRDD<PartitionChunks> chunks = numbered
                .partitionBy(new ChunkPartitioner(layout))
                .mapPartitions(it -> List.of(PartitionChunks.build(it, layout, worker)).iterator(), true)
                .persist(StorageLevel.MEMORY_ONLY());
        List<Double> trainLosses = new ArrayList<>();
        try (Sequential model = Sequential.of(s.spec(), kernel, s.dtype(), s.seed());
             Optimizer optimizer = s.optimizer().create(kernel)) {
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                double sum = 0;
                for (int b = 0; b < layout.batches(); b++) {
                    sum += step(jsc, chunks, worker, layout, b, model, optimizer, pin);
                }
                trainLosses.add(sum / layout.batches());
            }
            return new Result(ModelWeights.of(model), new History(trainLosses, List.of()), pin);
        } finally {
            chunks.unpersist(false);
        }
    }

    private static double step(JavaSparkContext jsc, JavaRDD<PartitionChunks> chunks, WorkerSettings s,
                               ChunkLayout layout, int b, Sequential model, Optimizer optimizer, KernelPin pin) {
        Broadcast<ModelWeights> weights = jsc.broadcast(ModelWeights.of(model));
        try {
            List<PartitionGradients> parts = chunks.mapPartitions(new StepGradients(s, layout, b, weights)).collect();
            Map<GradientTree.Node, GradientSum> nodes = new HashMap<>();
            for (int p = 0; p < parts.size(); p++) { // in partition order, whatever order tasks finished in
                PartitionGradients part = parts.get(p);
                part.requirePinned(pin, p);
                for (int i = 0; i < part.nodes().size(); i++) {
                    nodes.put(part.nodes().get(i), part.sums().get(i));
                }
            }
            return ChunkedGradients.step(model, GradientTree.sum(layout.chunks(b), nodes::get), optimizer);
        } finally {
            weights.destroy();
        }
    }
}
