package io.densekit.spark;

import io.densekit.nn.Targets;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * One partition's rows of a distributed fit, cut into the chunks {@link ChunkLayout} assigned to it
 * and kept as host tensors in the model's dtype (inputs, and targets as the trainer prepares them),
 * built once and cached for every step. Per batch, the partition holds a contiguous run of chunks.
 */
final class PartitionChunks {
    /** Chunks {@code [from, from + x.length)} of one batch. */
    record Run(int from, HostTensor[] x, HostTensor[] y) {
        int to() {
            return from + x.length;
        }
    }

    private final Map<Integer, Run> runs;

    private PartitionChunks(Map<Integer, Run> runs) {
        this.runs = runs;
    }

    /** This partition's chunks of batch {@code b}, or null where it holds none. */
    Run batch(int b) {
        return runs.get(b);
    }

    /** Builds the chunks from rows keyed by their index in the row order: (features, label) values. */
    static PartitionChunks build(Iterator<Tuple2<Long, Tuple2<double[], double[]>>> rows, ChunkLayout layout,
                                 WorkerSettings s) {
        List<Tuple2<Long, Tuple2<double[], double[]>>> all = new ArrayList<>();
        rows.forEachRemaining(all::add);
        all.sort(Comparator.comparingLong(Tuple2::_1));
        Map<Integer, List<HostTensor[]>> byBatch = new HashMap<>();
        Map<Integer, Integer> firstChunk = new HashMap<>();
        int i = 0;
        while (i < all.size()) {
            long row = all.get(i)._1();
            int b = layout.batchOf(row);
            int k = layout.chunkOf(row);
            int j = i;
            while (j < all.size() && layout.batchOf(all.get(j)._1()) == b && layout.chunkOf(all.get(j)._1()) == k) {
                j++;
            }
            List<HostTensor[]> chunks = byBatch.computeIfAbsent(b, key -> new ArrayList<>());
            firstChunk.putIfAbsent(b, k);
            if (k != firstChunk.get(b) + chunks.size()) {
                throw new IllegalStateException("partition holds chunk " + k + " of batch " + b + " after chunk "
                        + (firstChunk.get(b) + chunks.size() - 1) + "; expected a contiguous run");
            }
            chunks.add(chunk(all.subList(i, j), s));
            i = j;
        }
        Map<Integer, Run> runs = new HashMap<>();
        byBatch.forEach((b, chunks) -> runs.put(b, new Run(firstChunk.get(b),
                chunks.stream().map(c -> c[0]).toArray(HostTensor[]::new),
                chunks.stream().map(c -> c[1]).toArray(HostTensor[]::new))));
        return new PartitionChunks(runs);
    }

    private static HostTensor[] chunk(List<Tuple2<Long, Tuple2<double[], double[]>>> rows, WorkerSettings s) {
        int in = s.modelSpec().inputWidth();
        int out = s.modelSpec().outputWidth();
        int labelWidth = rows.getFirst()._2()._2().length;
        HostTensor x = HostTensor.zeros(s.dtype(), rows.size(), in);
        HostTensor y = HostTensor.zeros(s.dtype(), rows.size(), labelWidth);
        for (int r = 0; r < rows.size(); r++) {
            long index = rows.get(r)._1();
            double[] f = rows.get(r)._2()._1();
            double[] l = rows.get(r)._2()._2();
            if (f.length != in) {
                throw new IllegalArgumentException("row " + index + " of the row order has " + f.length
                        + " features, expected " + in + " (the input width of " + s.spec() + ")");
            }
            if (l.length != labelWidth) {
                throw new IllegalArgumentException("row " + index + " of the row order has a label of " + l.length
                        + " values, another row " + labelWidth + "; expected one width in every row");
            }
            for (int c = 0; c < in; c++) {
                x.set(r, c, f[c]);
            }
            for (int c = 0; c < labelWidth; c++) {
                y.set(r, c, l[c]);
            }
        }
        return new HostTensor[] {x, Targets.prepare(s.loss(), y, rows.size(), out, s.dtype())};
    }
}
