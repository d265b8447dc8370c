package io.densekit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells. A cell may be quoted with double quotes, inside which the
 * delimiter is an ordinary character and {@code ""} stands for one quote (RFC 4180); a quoted value
 * must end on its line. Spaces around a cell, and inside the quotes around its text, are dropped. A
 * quote inside an unquoted cell is kept as it is.
 */
final class CsvCells {
    private CsvCells() {
    }

    static String[] split(String line, char delimiter, Path file, int lineNo) throws MalformedFileException {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) != delimiter && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder text = new StringBuilder();
                i = quoted(line, i + 1, text, file, lineNo, cells.size() + 1);
                while (i < n && line.charAt(i) != delimiter && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new MalformedFileException(file, "line " + lineNo + ", column " + (cells.size() + 1)
                            + ": text after the closing quote; expected " + CsvDelimiter.describe(delimiter)
                            + " or the end of the line");
                }
                cells.add(text.toString().strip());
            } else {
                int end = line.indexOf(delimiter, start);
                i = end < 0 ? n : end;
                cells.add(line.substring(start, i).strip());
            }
            if (i >= n) {
                return cells.toArray(String[]::new);
            }
            i++;
        }
    }

    /** Reads a quoted value from just after its opening quote; returns the index after the closing one. */
    private static int quoted(String line, int i, StringBuilder text, Path file, int lineNo, int column)
            throws MalformedFileException {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < n && line.charAt(i + 1) == '"') {
                    text.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            text.append(c);
            i++;
        }
        throw new MalformedFileException(file, "line " + lineNo + ", column " + column
                + ": the quoted value has no closing quote; expected it to end on its line");
    }
}
