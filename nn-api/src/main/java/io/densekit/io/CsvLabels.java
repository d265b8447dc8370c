package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a CSV file's label column. The first cell decides its kind: numbers stay numbers;
 * names are class names, which become class indices in sorted order (String.compareTo, as
 * scikit-learn's LabelEncoder sorts them), or the index of the name in a list of known classes when
 * one is given. A later cell of the other kind is an error, so a typo cannot become a new class
 * of a numeric column.
 */
final class CsvLabels {
    private final Path file;
    private final List<String> known;
    private final CsvNumbers numbers;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private int[] classOf = new int[64];
    private int count;
    private Boolean numeric;
    private int firstLine;

    CsvLabels(Path file, DType dtype, List<String> known) {
        this.file = file;
        this.known = List.copyOf(known);
        this.numbers = new CsvNumbers(dtype);
        for (String k : this.known) {
            ids.putIfAbsent(k, ids.size());
            names.add(k);
        }
    }

    /** Adds one row's label; {@code where} is "line 17, column 5 (species)". */
    void add(String cell, int lineNo, String where) throws MalformedFileException {
        if (cell.isEmpty()) {
            throw new MalformedFileException(file, where + ": empty label; expected a number or a class name");
        }
        boolean isNumber = CsvNumbers.isNumber(cell);
        if (numeric == null) {
            numeric = isNumber;
            firstLine = lineNo;
        } else if (numeric != isNumber) {
            throw new MalformedFileException(file, where + ": '" + CsvReader.shorten(cell) + "' is "
                    + (isNumber ? "a number, but the labels are class names" : "not a number, but the labels are numbers")
                    + " (from line " + firstLine + "); class names and numbers cannot mix in one label column");
        }
        if (numeric) {
            numbers.reserve(1);
            numbers.add(cell);
            count++;
            return;
        }
        Integer id = ids.get(cell);
        if (id == null) {
            if (!known.isEmpty()) {
                throw new MalformedFileException(file, where + ": class '" + CsvReader.shorten(cell)
                        + "' is not one of the " + known.size() + " classes of the training labels ("
                        + String.join(", ", known) + ")");
            }
            id = names.size();
            ids.put(cell, id);
            names.add(cell);
        }
        if (count == classOf.length) {
            classOf = Arrays.copyOf(classOf, (int) Math.min(FileInput.MAX_ARRAY, 2L * count));
        }
        classOf[count++] = id;
    }

    /** The class names in index order; empty when the labels are numbers. */
    List<String> classes() {
        if (Boolean.TRUE.equals(numeric)) {
            return List.of();
        }
        return known.isEmpty() ? names.stream().sorted().toList() : known;
    }

    /** The labels as a tensor {@code [rows]}: the numbers, or each row's class index. */
    HostTensor toTensor(DType dtype) {
        if (Boolean.TRUE.equals(numeric)) {
            return numbers.toTensor(count);
        }
        int[] rank = new int[names.size()];
        if (known.isEmpty()) {
            List<String> sorted = classes();
            for (int i = 0; i < sorted.size(); i++) {
                rank[ids.get(sorted.get(i))] = i;
            }
        } else {
            Arrays.setAll(rank, i -> i);
        }
        HostTensor t = HostTensor.zeros(dtype, count);
        for (int r = 0; r < count; r++) {
            t.setFlat(r, rank[classOf[r]]);
        }
        return t;
    }
}
