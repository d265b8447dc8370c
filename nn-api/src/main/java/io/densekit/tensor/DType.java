package io.densekit.tensor;

import java.util.Locale;

/** Element type of a tensor. float64 is the accuracy path (the seeds run in it); float32 the speed path. */
public enum DType {
    F32("f32", 4),
    F64("f64", 8);

    private final String shortName;
    private final int byteSize;

    DType(String shortName, int byteSize) {
        this.shortName = shortName;
        this.byteSize = byteSize;
    }

    /** "f32" or "f64", as the command line spells it. */
    public String shortName() {
        return shortName;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Parses "f32", "float32", "f64", "float64" (any case). */
    public static DType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "f32", "float32", "float" -> F32;
            case "f64", "float64", "double" -> F64;
            default -> throw new IllegalArgumentException(
                    "unknown dtype '" + text + "'; expected f32 or f64");
        };
    }

    @Override
    public String toString() {
        return shortName;
    }
}
