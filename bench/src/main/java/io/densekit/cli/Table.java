package io.densekit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain-text table: text columns left-aligned, number columns right-aligned, two spaces between
 * columns. Either collect rows and {@link #print} them with widths fitted to the content, or give
 * fixed widths and {@link #printHeader}/{@link #printRow} as rows arrive (epoch by epoch).
 */
public final class Table {
    private final String indent;
    private final String[] headers;
    private final boolean[] rightAligned;
    private final int[] widths;
    private final List<String[]> rows = new ArrayList<>();

    /** Columns named {@code headers}; a header starting with {@code '>'} marks a right-aligned column. */
    public Table(String indent, String... headers) {
        this.indent = indent;
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        this.widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
            widths[i] = this.headers[i].length();
        }
    }

    /** Widens columns to at least these widths (for rows printed as they come). */
    public Table minWidths(int... min) {
        for (int i = 0; i < Math.min(min.length, widths.length); i++) {
            widths[i] = Math.max(widths[i], min[i]);
        }
        return this;
    }

    public Table add(Object... cells) {
        String[] row = cells(cells);
        for (int i = 0; i < row.length; i++) {
            widths[i] = Math.max(widths[i], row[i].length());
        }
        rows.add(row);
        return this;
    }

    /** The header and every added row. */
    public void print(PrintWriter out) {
        printHeader(out);
        rows.forEach(r -> line(out, r));
        out.flush();
    }

    public void printHeader(PrintWriter out) {
        line(out, headers);
    }

    /** One row now, in the current widths (cells wider than their column push the rest right). */
    public void printRow(PrintWriter out, Object... cells) {
        line(out, cells(cells));
        out.flush();
    }

    private String[] cells(Object[] cells) {
        if (cells.length != headers.length) {
            throw new IllegalStateException(cells.length + " cells for " + headers.length + " columns");
        }
        return Arrays.stream(cells).map(c -> c == null ? "" : c.toString()).toArray(String[]::new);
    }

    private void line(PrintWriter out, String[] cells) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(Math.max(0, widths[i] - cells[i].length()));
            sb.append(rightAligned[i] ? pad + cells[i] : cells[i] + (i == cells.length - 1 ? "" : pad));
            if (i < cells.length - 1) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /** A loss or other real number with 6 significant digits, scientific only when tiny or huge. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A fraction as a percentage with one decimal, e.g. 0.9712 as "97.1%". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A small positive quantity (a relative difference) as e.g. "3.1e-15", or "0" when exactly zero. */
    public static String small(double v) {
        return v == 0 ? "0" : String.format(Locale.ROOT, "%.1e", v);
    }

    /** Whole numbers with thin groups: 10000 as "10 000". */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }
}
