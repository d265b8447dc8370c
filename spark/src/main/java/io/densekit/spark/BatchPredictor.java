package io.densekit.spark;

import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * An executor's part of batch inference: the model is rebuilt once per partition from weights
 * broadcast once per transform, and the partition's rows go through {@link Sequential#predict} in
 * blocks. Every densekit kernel gives a row the same bits alone or in any block, so the outputs
 * equal one {@code Sequential.predict} over all rows, for any partitioning.
 */
final class BatchPredictor implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;
    private static final int BLOCK_ROWS = 4096;

    private final Broadcast<ModelWeights> weights;
    private final String kernel;
    private final int featuresIndex;
    private final boolean withClass;

    BatchPredictor(Broadcast<ModelWeights> weights, String kernel, int featuresIndex, boolean withClass) {
        this.weights = weights;
        this.kernel = kernel;
        this.featuresIndex = featuresIndex;
        this.withClass = withClass;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        List<Row> out = new ArrayList<>();
        if (!rows.hasNext()) {
            return out.iterator();
        }
        try (Sequential model = weights.value().toSequential(KernelPin.resolve(kernel))) {
            List<Row> block = new ArrayList<>(BLOCK_ROWS);
            while (rows.hasNext()) {
                block.add(rows.next());
                if (block.size() == BLOCK_ROWS || !rows.hasNext()) {
                    predict(model, block, out);
                    block.clear();
                }
            }
        }
        return out.iterator();
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
