package io.densekit.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the subset of Python literals a .npy header uses: a dict of strings, booleans, None,
 * integers and tuples/lists. numpy reads the header with {@code ast.literal_eval}; this accepts the
 * same texts for every header numpy writes (including the Python 2 {@code 3L} integers of old files).
 *
 * <p>Values come back as {@code String}, {@code Boolean}, {@code Long}, {@code null},
 * {@code List<Object>} and {@code Map<String, Object>}. Nesting is limited so a hostile header
 * cannot exhaust the stack.
 */
final class PyLiteral {
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses a whole literal; trailing whitespace is allowed, anything else is an error. */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("unexpected text after the literal");
        }
        return v;
    }

    /** A syntax error at a position of the header text. */
    static final class SyntaxError extends IllegalArgumentException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("unexpected end of header");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> dict(depth);
            case '(' -> sequence(')', depth);
            case '[' -> sequence(']', depth);
            case '\'', '"' -> string();
            default -> c == '-' || c == '+' || isDigit(c) ? integer() : word();
        };
    }

    private Map<String, Object> dict(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek('}')) {
                pos++;
                return map;
            }
            Object key = value(depth + 1);
            if (!(key instanceof String k)) {
                throw error("dictionary keys must be strings");
            }
            skipSpace();
            expect(':');
            if (map.put(k, value(depth + 1)) != null) {
                throw error("duplicate key '" + k + "'");
            }
            if (!separator('}')) {
                return map;
            }
        }
    }

    private List<Object> sequence(char close, int depth) {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek(close)) {
                pos++;
                return items;
            }
            items.add(value(depth + 1));
            if (!separator(close)) {
                return items;
            }
        }
    }

    /** After an item: a comma (true: more may follow) or the closing bracket (false: consumed). */
    private boolean separator(char close) {
        skipSpace();
        if (peek(',')) {
            pos++;
            return true;
        }
        expect(close);
        return false;
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder s = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                throw error("escape sequences in strings are not supported");
            }
            if (c == '\n') {
                throw error("line break inside a string");
            }
            s.append(c);
        }
        if (pos >= text.length()) {
            throw error("unterminated string");
        }
        pos++;
        return s.toString();
    }

    private Long integer() {
        int start = pos;
        if (peek('-') || peek('+')) {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw error("expected a number");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e')) {
            throw error("expected an integer");
        }
        String n = text.substring(start, pos);
        if (peek('L') || peek('l')) {
            pos++; // Python 2 long literal, written by old numpy versions.
        }
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw error("integer " + n + " is out of range");
        }
    }

    private Object word() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) {
            pos++;
        }
        String w = text.substring(start, pos);
        return switch (w) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> null;
            default -> {
                pos = start;
                throw error(w.isEmpty() ? "unexpected character '" + text.charAt(pos) + "'"
                        : "unexpected word '" + w + "'");
            }
        };
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error(pos >= text.length() ? "expected '" + c + "' but the header ended"
                    : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
        pos++;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SyntaxError error(String what) {
        return new SyntaxError(what + " at character " + pos);
    }
}
