package io.densekit.io;

import io.densekit.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;

/** Reads an array from a .npy, IDX or CSV file (or the gzip of one), the format chosen by content. */
public final class DataFile {
    private DataFile() {
    }

    /**
     * The file's array. .npy and IDX keep their element type and shape; CSV is parsed as
     * {@code csvDtype} (in that precision, not rounded twice) into {@code [rows, cols]}.
     */
    public static NdArray read(Path file, DType csvDtype, CsvDelimiter delimiter) throws IOException {
        return switch (DataFormat.detect(file)) {
            case NPY -> Npy.read(file);
            case IDX -> Idx.read(file);
            case CSV -> NdArray.of(Csv.read(file, csvDtype, delimiter));
        };
    }
}
