package io.densekit.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column rules of the estimator and the model: which types a column may have (checked on the
 * schema, before any job) and how a row's value becomes numbers. Features are an ML {@link Vector}
 * or an array of numbers; labels a number (a class index, or the one output of a regression) or
 * either of those; the row order a number.
 */
final class Columns {

    private Columns() {
    }

    static void requireVectorOrArray(StructType schema, String param, String column) {
        DataType t = field(schema, param, column).dataType();
        if (!isVectorOrArray(t)) {
            throw new IllegalArgumentException(param + " column '" + column + "' has type " + t.simpleString()
                    + "; expected a vector or an array of numbers");
        }
    }

    static void requireLabel(StructType schema, String param, String column) {
        DataType t = field(schema, param, column).dataType();
        if (!(t instanceof NumericType) && !isVectorOrArray(t)) {
            throw new IllegalArgumentException(param + " column '" + column + "' has type " + t.simpleString()
                    + "; expected a number (a class index) or a vector or array of numbers");
        }
    }

    static void requireNumber(StructType schema, String param, String column) {
        DataType t = field(schema, param, column).dataType();
        if (!(t instanceof NumericType)) {
            throw new IllegalArgumentException(param + " column '" + column + "' has type " + t.simpleString()
                    + "; expected a number");
        }
    }

    static void requireAbsent(StructType schema, String param, String column) {
        if (Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(param + " column '" + column
                    + "' already exists; expected a new column name");
        }
    }

    private static StructField field(StructType schema, String param, String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException(param + " is not set; expected a column name");
        }
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(param + " column '" + column + "' is missing; the data has "
                    + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(column);
    }

    private static boolean isVectorOrArray(DataType t) {
        return t.equals(SQLDataTypes.VectorType())
                || t instanceof ArrayType a && a.elementType() instanceof NumericType;
    }

    /** The numbers of column {@code index}: a vector's values, an array's, or one number. */
    static double[] values(Row row, int index) {
        Object v = row.get(index);
        if (v == null) {
            throw new IllegalArgumentException("null in column '" + row.schema().fieldNames()[index]
                    + "'; expected numbers in every row");
        }
        if (v instanceof Vector vector) {
            return vector.toArray();
        }
        if (v instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        List<Object> list = row.getList(index);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }
}
