package io.densekit.io;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dictionary of a .npy header: {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }}.
 * Parsing checks every field and answers with a {@link MalformedFileException} naming the field.
 */
record NpyHeader(ElementType type, ByteOrder order, int[] shape) {
    /** numpy supports 64; 32 is plenty and keeps index arithmetic simple. */
    static final int MAX_RANK = 32;
    private static final Pattern DESCR = Pattern.compile("([<>|=]?)([a-zA-Z])(\\d{1,2})");
    private static final String SUPPORTED = "float16/32/64, int8/16/32/64 or uint8/16/32"
            + " (e.g. '<f4', '<f8', '<i4', '<i8', '|u1')";

    static NpyHeader parse(Path file, String text) throws MalformedFileException {
        Object literal;
        try {
            literal = PyLiteral.parse(text);
        } catch (PyLiteral.SyntaxError e) {
            throw new MalformedFileException(file, "the header is not a valid Python dict literal: "
                    + e.getMessage());
        }
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new MalformedFileException(file, "the header is not a dict; expected"
                    + " {'descr': ..., 'fortran_order': ..., 'shape': ...}");
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new MalformedFileException(file, "the header has the keys " + dict.keySet()
                    + "; expected exactly descr, fortran_order and shape");
        }
        int[] shape = shape(file, dict.get("shape"));
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean isFortran)) {
            throw new MalformedFileException(file, "fortran_order is " + fortran + "; expected True or False");
        }
        // C and Fortran order are the same layout for 0-D and 1-D arrays.
        if (isFortran && shape.length > 1) {
            throw new MalformedFileException(file, "fortran_order arrays are not supported;"
                    + " save with np.ascontiguousarray (C order)");
        }
        Object descr = dict.get("descr");
        if (!(descr instanceof String d)) {
            throw new MalformedFileException(file, "structured or unusual dtype " + descr
                    + " is not supported; expected " + SUPPORTED);
        }
        Matcher m = DESCR.matcher(d);
        ElementType type = m.matches() ? type(m.group(2), Integer.parseInt(m.group(3))) : null;
        if (type == null) {
            throw new MalformedFileException(file, "dtype '" + d + "' is not supported; expected " + SUPPORTED);
        }
        ByteOrder order = switch (m.group(1)) {
            case "<" -> ByteOrder.LITTLE_ENDIAN;
            case ">" -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
        return new NpyHeader(type, order, shape);
    }

    private static ElementType type(String kind, int size) {
        return switch (kind + size) {
            case "f2" -> ElementType.FLOAT16;
            case "f4" -> ElementType.FLOAT32;
            case "f8" -> ElementType.FLOAT64;
            case "i1" -> ElementType.INT8;
            case "i2" -> ElementType.INT16;
            case "i4" -> ElementType.INT32;
            case "i8" -> ElementType.INT64;
            case "u1" -> ElementType.UINT8;
            case "u2" -> ElementType.UINT16;
            case "u4" -> ElementType.UINT32;
            default -> null;
        };
    }

    private static int[] shape(Path file, Object value) throws MalformedFileException {
        if (!(value instanceof List<?> dims)) {
            throw new MalformedFileException(file, "shape is " + value + "; expected a tuple of integers");
        }
        if (dims.size() > MAX_RANK) {
            throw new MalformedFileException(file, "shape has " + dims.size()
                    + " dimensions; densekit reads at most " + MAX_RANK);
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new MalformedFileException(file, "shape " + dims + " has dimension " + dims.get(i)
                        + "; expected integers from 0 to " + Integer.MAX_VALUE);
            }
            shape[i] = (int) (long) d;
        }
        return shape;
    }

    /** The header text numpy itself would write (before padding). */
    static String format(ElementType type, int[] shape) {
        String descr = switch (type) {
            case FLOAT16 -> "<f2";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case INT8 -> "|i1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case UINT8 -> "|u1";
            case UINT16 -> "<u2";
            case UINT32 -> "<u4";
            case BFLOAT16 -> throw new IllegalArgumentException(
                    "numpy has no bfloat16 dtype; convert to float32 before writing a .npy file");
        };
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")");
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
    }

    @Override
    public String toString() {
        return "NpyHeader[" + type + ", " + order + ", " + Arrays.toString(shape) + "]";
    }
}
