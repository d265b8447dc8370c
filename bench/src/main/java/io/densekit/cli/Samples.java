package io.densekit.cli;

import io.densekit.io.Csv;
import io.densekit.io.DataFormat;
import io.densekit.io.LabeledCsv;
import io.densekit.io.NdArray;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Inputs and targets loaded for a model: from two files ({@code --x}, {@code --y}), or from one CSV
 * file whose label column holds the targets ({@code --label}).
 *
 * @param x the inputs {@code [n, inputs]}
 * @param y the targets as {@link DataFiles#targets} checks them
 * @param classes the class names of class-index targets, in index order; empty when the labels were numbers
 * @param source where the targets came from, e.g. "iris.csv column 'species'"
 */
record Samples(HostTensor x, HostTensor y, List<String> classes, String source) {

    /**
     * Loads {@code xFile} and the targets from {@code yFile}, or from the label column {@code data}
     * names when {@code yFile} is null. Class names map to their index in {@code classes} when it is
     * not empty (the training set's, for validation and evaluation), else in sorted order.
     */
    static Samples load(DataOptions data, Path xFile, Path yFile, ModelSpec spec, LossKind loss, DType dtype,
                        List<String> classes) throws IOException {
        if (yFile == null) {
            LabeledCsv t = DataFiles.readLabeled(xFile, data.delimiter, data.label, dtype, classes);
            String source = DataFiles.name(xFile) + " " + t.describeLabel();
            requireClassesFit(source, t.classes(), spec, loss);
            HostTensor x = DataFiles.inputs(xFile, NdArray.of(t.features()), spec.inputWidth(), dtype,
                    " (the columns besides " + t.describeLabel() + ")");
            HostTensor y = DataFiles.targets(xFile, NdArray.of(t.labels()), loss, spec.outputWidth(), dtype);
            return new Samples(x, y, t.classes(), source);
        }
        HostTensor x = DataFiles.inputs(xFile, DataFiles.read(xFile, data.delimiter, dtype), spec.inputWidth(), dtype, "");
        Samples targets = targets(data, yFile, spec, loss, dtype, classes);
        DataFiles.sameSamples(xFile, x, yFile, targets.y());
        return new Samples(x, targets.y(), targets.classes(), targets.source());
    }

    /** The inputs of a CSV file without its label column, to predict from (NaN allowed, as for any prediction). */
    static HostTensor features(DataOptions data, Path xFile, ModelSpec spec, DType dtype) throws IOException {
        LabeledCsv t = DataFiles.readLabeled(xFile, data.delimiter, data.label, dtype, List.of());
        return DataFiles.predictionInputs(xFile, NdArray.of(t.features()), spec.inputWidth(), dtype,
                " (the columns besides " + t.describeLabel() + ")");
    }

    /** A --y file: a one-column CSV file may hold class names; any other file holds numbers. */
    private static Samples targets(DataOptions data, Path yFile, ModelSpec spec, LossKind loss, DType dtype,
                                   List<String> classes) throws IOException {
        DataFiles.requireFile(yFile);
        String source = DataFiles.name(yFile);
        if (DataFormat.detect(yFile) == DataFormat.CSV && Csv.columns(yFile, data.delimiter) == 1) {
            LabeledCsv t = Csv.readLabeled(yFile, dtype, data.delimiter, "0", classes);
            requireClassesFit(source, t.classes(), spec, loss);
            return new Samples(null, DataFiles.targets(yFile, NdArray.of(t.labels()), loss, spec.outputWidth(), dtype),
                    t.classes(), source);
        }
        NdArray y = DataFiles.read(yFile, data.delimiter, dtype);
        return new Samples(null, DataFiles.targets(yFile, y, loss, spec.outputWidth(), dtype), List.of(), source);
    }

    /** More class names than outputs would end in a less clear out-of-range label. */
    private static void requireClassesFit(String source, List<String> classes, ModelSpec spec, LossKind loss) {
        if (classes.size() > spec.outputWidth() && loss.acceptsClassIndices()) {
            throw new IllegalArgumentException(source + " holds " + classes.size() + " classes (" + String.join(", ", classes)
                    + ") but the model has " + spec.outputWidth() + " outputs; expected one output per class");
        }
    }
}
