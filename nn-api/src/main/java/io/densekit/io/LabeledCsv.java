package io.densekit.io;

import io.densekit.tensor.HostTensor;
import java.util.List;

/**
 * A CSV file split into features and the targets of its label column ({@link Csv#readLabeled}).
 *
 * @param features the other columns, {@code [rows, columns - 1]}, in file order
 * @param labels {@code [rows]}: the label column's numbers, or each row's class index
 * @param featureNames the header's names of the feature columns; empty without a header
 * @param labelColumn the label column's 0-based index in the file
 * @param labelName the label column's header name; empty without a header
 * @param classes the class names in index order (sorted, unless given); empty when the labels are numbers
 */
public record LabeledCsv(HostTensor features, HostTensor labels, List<String> featureNames, int labelColumn,
                         String labelName, List<String> classes) {
    public LabeledCsv {
        featureNames = List.copyOf(featureNames);
        classes = List.copyOf(classes);
    }

    /** How messages name the label column: {@code column 'species'}, or {@code column 4 (0-based)}. */
    public String describeLabel() {
        return labelName.isEmpty() && featureNames.isEmpty() ? "column " + labelColumn + " (0-based)"
                : "column '" + labelName + "'";
    }

    /** Whether the labels were class names. */
    public boolean hasClassNames() {
        return !classes.isEmpty();
    }
}
