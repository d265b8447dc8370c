package io.densekit.cli;

import io.densekit.io.Csv;
import io.densekit.io.CsvDelimiter;
import io.densekit.io.DataChecks;
import io.densekit.io.DataFile;
import io.densekit.io.DataFormat;
import io.densekit.io.LabeledCsv;
import io.densekit.io.NdArray;
import io.densekit.io.SafeTensors;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads the command line's data and weight files and checks them against the model, so every
 * mismatch is reported with the file's name and what was expected.
 */
final class DataFiles {
    private DataFiles() {
    }

    /**
     * The array in {@code file}: .npy, IDX or CSV (or the gzip of one), chosen by content; CSV is
     * parsed in {@code dtype}.
     */
    static NdArray read(Path file, CsvDelimiter delimiter, DType dtype) throws IOException {
        requireFile(file);
        return DataFile.read(file, dtype, delimiter);
    }

    /** A CSV file's features and the targets of its column {@code label}; other formats are refused. */
    static LabeledCsv readLabeled(Path file, CsvDelimiter delimiter, String label, DType dtype, List<String> classes)
            throws IOException {
        requireFile(file);
        DataFormat format = DataFormat.detect(file);
        if (format != DataFormat.CSV) {
            throw new IllegalArgumentException(name(file) + " is an " + format + " file, but --label " + label
                    + " picks a column of a CSV file; give the targets of " + format + " inputs in a file of"
                    + " their own (--y, --y-valid) instead of --label");
        }
        return Csv.readLabeled(file, dtype, delimiter, label, classes);
    }

    /**
     * Training and evaluation inputs: {@code [n, width]}, or {@code [n]} for a model of one input;
     * finite, at least one row. {@code columns} says what the columns are when they are not all of the file's.
     */
    static HostTensor inputs(Path file, NdArray a, int width, DType dtype, String columns) {
        HostTensor x = finite(file, predictionInputs(file, a, width, dtype, columns));
        if (x.rows() == 0) {
            throw new IllegalArgumentException(name(file) + " holds no samples (a header line only?); expected at"
                    + " least one row");
        }
        return x;
    }

    /**
     * Inputs to predict from, shaped as {@link #inputs} (an image stack {@code [n, rows, cols]} is
     * one row per image); NaN and infinities are allowed and flow through to the outputs, as in
     * PyTorch (a prediction has no loss for them to poison).
     */
    static HostTensor predictionInputs(Path file, NdArray a, int width, DType dtype, String columns) {
        int[] shape = a.shape();
        if (shape.length == 1 && width == 1) {
            a = a.reshape(shape[0], 1);
        } else if (shape.length > 2) {
            a = a.flattenTrailing();
        }
        int[] rows = a.shape();
        if (rows.length != 2 || rows[1] != width) {
            throw new IllegalArgumentException(name(file) + " has shape " + Arrays.toString(shape)
                    + (shape.length > 2 ? " (" + Arrays.toString(rows) + " as rows)" : "") + columns
                    + ", expected [n, " + width + "]: the model takes " + width + " input" + (width == 1 ? "" : "s"));
        }
        return tensor(file, a, dtype);
    }

    /**
     * Training targets for {@code loss} and a model of {@code outputs} outputs: class indices
     * ({@code [n]} or {@code [n, 1]} whole numbers in range) for cross_entropy and nll, else
     * {@code [n, outputs]} (or {@code [n]} for one output); finite, and in [0, 1] for bce.
     */
    static HostTensor targets(Path file, NdArray a, LossKind loss, int outputs, DType dtype) {
        int[] shape = a.shape();
        boolean column = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
        if (loss.acceptsClassIndices() && outputs > 1 && column) {
            return classIndices(file, a, outputs, dtype);
        }
        if (column && outputs == 1) {
            a = a.reshape(shape[0], 1);
        } else if (shape.length != 2 || shape[1] != outputs) {
            throw new IllegalArgumentException(name(file) + " has shape " + Arrays.toString(shape)
                    + ", expected [n, " + outputs + "] for the model's " + outputs + " outputs"
                    + (loss.acceptsClassIndices() ? ", or [n] class indices" : ""));
        }
        HostTensor t = finite(file, tensor(file, a, dtype));
        if (loss == LossKind.BCE) {
            for (int i = 0; i < t.size(); i++) {
                double v = t.getFlat(i);
                if (v < 0 || v > 1) {
                    throw new IllegalArgumentException(name(file) + ": row " + i / t.cols() + ", column " + i % t.cols()
                            + " (0-based) is " + v + "; bce targets must be probabilities in [0, 1]");
                }
            }
        }
        return t;
    }

    private static HostTensor classIndices(Path file, NdArray a, int classes, DType dtype) {
        long[] labels;
        try {
            labels = a.toLongs();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(file) + ": " + e.getMessage(), e);
        }
        HostTensor t = HostTensor.zeros(dtype, labels.length);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException(name(file) + ": label " + labels[r] + " at row " + r
                        + " (0-based) is out of range; the model has " + classes + " outputs, so labels must be 0.."
                        + (classes - 1));
            }
            t.setFlat(r, labels[r]);
        }
        return t;
    }

    /** Throws unless x and y hold the same number of samples. */
    static void sameSamples(Path xFile, HostTensor x, Path yFile, HostTensor y) {
        int ySamples = y.shape()[0];
        if (x.rows() != ySamples) {
            throw new IllegalArgumentException(name(xFile) + " has " + x.rows() + " samples but " + name(yFile)
                    + " has " + ySamples + "; x and y must have one row per sample");
        }
    }

    /** Loads weights in PyTorch state_dict names into {@code model}; every tensor must fit its layer. */
    static void loadWeights(Path file, Sequential model) throws IOException {
        requireFile(file);
        Map<String, HostTensor> tensors = SafeTensors.read(file).tensors();
        tensors.forEach((n, t) -> DataChecks.requireFinite(t, name(file) + " tensor '" + n + "'"));
        try {
            model.state().load(tensors);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(file) + ": " + e.getMessage(), e);
        }
    }

    /** The dtype the weights in {@code file} are stored in (of the first tensor), f64 when empty. */
    static DType weightsDType(Path file) throws IOException {
        requireFile(file);
        return SafeTensors.read(file).tensors().values().stream().findFirst().map(HostTensor::dtype).orElse(DType.F64);
    }

    private static HostTensor tensor(Path file, NdArray a, DType dtype) {
        try {
            return a.toTensor(dtype);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name(file) + ": " + e.getMessage(), e);
        }
    }

    private static HostTensor finite(Path file, HostTensor t) {
        DataChecks.requireFinite(t, name(file));
        return t;
    }

    static void requireFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, expected a file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
