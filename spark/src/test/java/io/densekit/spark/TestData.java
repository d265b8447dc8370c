package io.densekit.spark;

import io.densekit.data.Dataset;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A small data set in both forms: host tensors for the single-machine trainer (rows in order) and
 * a DataFrame whose rows come in a scrambled order with an "id" column that restores it.
 */
record TestData(Dataset host, List<Row> rows, StructType schema) {
    static final int FEATURES = 6;
    static final int OUTPUTS = 3;

    /** {@code n} rows; labels: regression vectors (MSE), class indices, or one-hot vectors. */
    static TestData of(int n, LossKind loss, boolean oneHot, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean vectors = loss == LossKind.MSE || oneHot;
        HostTensor x = HostTensor.zeros(DType.F64, n, FEATURES);
        HostTensor y = HostTensor.zeros(DType.F64, n, vectors ? OUTPUTS : 1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] f = new double[FEATURES];
            for (int c = 0; c < FEATURES; c++) {
                f[c] = random.nextDouble(-2, 2);
                x.set(i, c, f[c]);
            }
            int cls = random.nextInt(OUTPUTS);
            double[] label = new double[OUTPUTS];
            for (int c = 0; c < OUTPUTS; c++) {
                label[c] = loss == LossKind.MSE ? random.nextDouble(-1, 1) : (c == cls ? 1 : 0);
                if (vectors) {
                    y.set(i, c, label[c]);
                }
            }
            if (!vectors) {
                y.set(i, 0, cls);
            }
            rows.add(RowFactory.create((long) (3 * i + 7), Vectors.dense(f),
                    vectors ? Vectors.dense(label) : (Object) (double) cls));
        }
        for (int i = rows.size() - 1; i > 0; i--) { // the DataFrame's own order is not the training order
            int j = random.nextInt(i + 1);
            Row t = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, t);
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("features", SQLDataTypes.VectorType(), false)
                .add("label", vectors ? SQLDataTypes.VectorType() : DataTypes.DoubleType, false);
        return new TestData(new Dataset(x, y), rows, schema);
    }

    org.apache.spark.sql.Dataset<Row> frame(int partitions) {
        return SharedSpark.session().createDataFrame(rows, schema).repartition(partitions);
    }
}
