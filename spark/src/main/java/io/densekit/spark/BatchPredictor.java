package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;

/**
 * An executor's part of batch inference: the model is rebuilt once per partition from weights
 * broadcast once per transform, and the partition's rows go through {@link Sequential#predict} in
 * blocks, lazily (one block in memory at a time). A kernel that gives a row the same bits alone or in
 * any block (one whose {@code Kernel.rowSliceVariance()} is empty: reference, simd, cuda) makes the
 * outputs equal one {@code Sequential.predict} over all rows, for any partitioning; with one that
 * declares a variance (blas) they may differ in the last bits between partitionings.
 */
final class BatchPredictor implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK_ROWS = 4096;

    private final Broadcast<ModelWeights> weights;
    private final KernelPin pin;
    private final int featuresIndex;
    private final boolean withClass;

    /** {@code pin}: the driver's kernel, which every executor must run at the same vector width. */
    BatchPredictor(Broadcast<ModelWeights> weights, KernelPin pin, int featuresIndex, boolean withClass) {
        this.weights = weights;
        this.pin = pin;
        this.featuresIndex = featuresIndex;
        this.withClass = withClass;
    }

    /**
     * The partition's rows with their predictions, a block at a time: a block is predicted when the
     * previous one is used up, so a partition never sits in memory whole. The model is closed after
     * the last block.
     */
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        Sequential model = weights.value().toSequential(pinnedKernel());
        TaskContext task = TaskContext.get();
        if (task != null) { // also when the task ends before the last row is read (close is idempotent)
            task.addTaskCompletionListener((TaskCompletionListener) context -> model.close());
        }
        return new Iterator<>() {
            private Iterator<Row> block = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                if (!block.hasNext() && rows.hasNext()) {
                    List<Row> in = new ArrayList<>(BLOCK_ROWS);
                    while (in.size() < BLOCK_ROWS && rows.hasNext()) {
                        in.add(rows.next());
                    }
                    List<Row> out = new ArrayList<>(in.size());
                    predict(model, in, out);
                    block = out.iterator();
                    if (!rows.hasNext()) {
                        model.close();
                    }
                }
                return block.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no more rows in this partition");
                }
                return block.next();
            }
        };
    }

    /**
     * This executor's kernel of the driver's name, at the driver's width: the outputs are then those
     * of one {@code Sequential.predict} on the driver. A transform fails in the user's action, as
     * Spark's exception around this one, whose one line names the executor, the kernel and the reason.
     */
    private Kernel pinnedKernel() {
        String where = ExecutorName.current();
        Kernel kernel;
        KernelPin here;
        try {
            kernel = KernelPin.resolve(pin.name());
            here = KernelPin.of(kernel);
        } catch (KernelUnavailableException e) {
            throw pin.cannotRun(where, "this transform", e.getMessage());
        }
        pin.requireSame(here, where);
        return kernel;
    }

    private void predict(Sequential model, List<Row> block, List<Row> out) {
        HostTensor x = HostTensor.zeros(model.dtype(), block.size(), model.inputWidth());
        for (int r = 0; r < block.size(); r++) {
            double[] f = Columns.values(block.get(r), featuresIndex);
            if (f.length != model.inputWidth()) {
                throw new IllegalArgumentException("a row has " + f.length + " features, expected "
                        + model.inputWidth() + " (the model's input width)");
            }
            for (int c = 0; c < f.length; c++) {
                x.set(r, c, f[c]);
            }
        }
        HostTensor y = model.predict(x);
        for (int r = 0; r < block.size(); r++) {
            Row in = block.get(r);
            double[] scores = new double[y.cols()];
            int best = 0;
            for (int c = 0; c < scores.length; c++) {
                scores[c] = y.get(r, c);
                if (scores[c] > scores[best]) { // the first maximum wins, as Kernel.countCorrect counts it
                    best = c;
                }
            }
            Object[] values = new Object[in.size() + (withClass ? 2 : 1)];
            for (int c = 0; c < in.size(); c++) {
                values[c] = in.get(c);
            }
            values[in.size()] = Vectors.dense(scores);
            if (withClass) {
                values[in.size() + 1] = (double) best;
            }
            out.add(RowFactory.create(values));
        }
    }
}
