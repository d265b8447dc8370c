package io.densekit.cli;

import io.densekit.io.CsvDelimiter;
import picocli.CommandLine.Option;

/** How a command reads CSV data: the column holding the targets, and the delimiter. */
final class DataOptions {
    @Option(names = "--label", paramLabel = "COLUMN",
            description = "The column of the --x CSV files that holds the targets, by header name (or 0-based index"
                    + " when no column has that name); it is not an input, and replaces --y. Numbers stay numbers;"
                    + " class names become class indices in sorted order (String order, as scikit-learn's"
                    + " LabelEncoder sorts them).")
    String label;

    @Option(names = "--delimiter", paramLabel = "D", defaultValue = "auto",
            description = "What separates CSV cells: auto (the most frequent of , ; and tab on the first line),"
                    + " tab, or one character (default ${DEFAULT-VALUE}).")
    CsvDelimiter delimiter;
}
