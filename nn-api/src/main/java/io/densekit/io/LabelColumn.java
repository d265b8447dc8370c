package io.densekit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the label column of a CSV file: by header name, else by 0-based index. */
final class LabelColumn {
    private LabelColumn() {
    }

    /**
     * The 0-based index of the column {@code request} names: the header's column of that name, or,
     * when no column has that name (or there is no header) and it is a whole number, that index.
     */
    static int find(Path file, String request, String[] header, int cols) throws MalformedFileException {
        if (header != null) {
            List<Integer> matches = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals(request)) {
                    matches.add(c);
                }
            }
            if (matches.size() > 1) {
                throw new MalformedFileException(file, "the header names " + matches.size() + " columns '" + request
                        + "' (0-based " + matches + "); expected column names to be unique, or give the label's index");
            }
            if (matches.size() == 1) {
                return matches.getFirst();
            }
        }
        if (request.matches("\\d{1,9}")) {
            int index = Integer.parseInt(request);
            if (index < cols) {
                return index;
            }
            throw new MalformedFileException(file, "there is no column " + index + " (0-based); the file has " + cols
                    + " column" + (cols == 1 ? "" : "s") + ", 0 to " + (cols - 1) + columnList(header));
        }
        if (header == null) {
            throw new MalformedFileException(file, "no column is named '" + request + "': the file has no header line,"
                    + " so the label column must be a 0-based index, 0 to " + (cols - 1));
        }
        throw new MalformedFileException(file, "no column is named '" + request + "'" + columnList(header)
                + " (or give a 0-based index, 0 to " + (cols - 1) + ")");
    }

    private static String columnList(String[] header) {
        return header == null ? "" : "; the columns are " + String.join(", ", header);
    }
}
