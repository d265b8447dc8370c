package io.densekit.io;

import java.util.Locale;

/**
 * What separates the cells of a CSV line: one given character, or {@link #AUTO}, which picks among
 * comma, semicolon and tab the one that occurs most often (outside double quotes) on the file's first
 * line that is neither blank nor a comment; a tie goes to the earlier of comma, semicolon, tab, and
 * a line with none of them is one column. Numbers use '.' as the decimal point whatever the delimiter.
 *
 * @param character the delimiter; with {@code auto} only the fallback
 * @param auto whether the delimiter is detected from the first line
 */
public record CsvDelimiter(char character, boolean auto) {
    /** Detected among {@code , ; \t}. */
    public static final CsvDelimiter AUTO = new CsvDelimiter(',', true);

    private static final String CANDIDATES = ",;\t";

    public CsvDelimiter {
        if (character == '"' || character == '\n' || character == '\r' || character == '.' || character == '+'
                || character == '-' || Character.isLetterOrDigit(character)) {
            throw new IllegalArgumentException("the delimiter " + describe(character) + " cannot separate numbers;"
                    + " expected a character such as , ; | or tab");
        }
    }

    /** A fixed delimiter. */
    public static CsvDelimiter of(char character) {
        return new CsvDelimiter(character, false);
    }

    /**
     * Parses {@code auto}, {@code tab} (or {@code \t} typed as a backslash and a t), or a single
     * character such as {@code ,} {@code ;} {@code |}.
     */
    public static CsvDelimiter parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("tab") || t.equals("\\t")) {
            return of('\t');
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException("delimiter '" + text + "' is not one character; expected auto, tab,"
                    + " or a single character such as , ; |");
        }
        return of(text.charAt(0));
    }

    /** The delimiter of a file whose first content line is {@code line}. */
    char resolve(String line) {
        if (!auto) {
            return character;
        }
        int[] counts = new int[CANDIDATES.length()];
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                int k = CANDIDATES.indexOf(c);
                if (k >= 0) {
                    counts[k]++;
                }
            }
        }
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return CANDIDATES.charAt(best);
    }

    /** How messages name a delimiter: {@code ','}, or tab. */
    static String describe(char c) {
        return c == '\t' ? "tab" : "'" + c + "'";
    }

    @Override
    public String toString() {
        return auto ? "auto" : describe(character);
    }
}
