package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
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
            case CSV -> NdArray.of(readCsv(file, csvDtype, delimiter));
        };
    }

    /**
     * A CSV file; when its name says .npy or IDX, a failure (or a header without rows, which
     * plain text that is no table gives) also says it was read as CSV for lack of magic bytes.
     */
    private static HostTensor readCsv(Path file, DType dtype, CsvDelimiter delimiter) throws IOException {
        HostTensor t;
        try {
            t = Csv.read(file, dtype, delimiter);
        } catch (MalformedFileException e) {
            throw DataFormat.noteName(file, e);
        }
        if (t.rows() == 0) {
            MalformedFileException none = new MalformedFileException(file, "no rows of numbers, only a line of names");
            if (DataFormat.noteName(file, none) != none) {
                throw DataFormat.noteName(file, none);
            }
        }
        return t;
    }
}
