package io.densekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class names a model was trained on, kept in its safetensors metadata so that evaluation maps
 * names to the training's indices even when its file lacks a class.
 */
final class ClassNames {
    /** A JSON array of the names in index order. */
    static final String KEY = "densekit_classes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClassNames() {
    }

    /** {@code metadata} plus the class names, when there are any. */
    static Map<String, String> withClasses(Map<String, String> metadata, List<String> classes) {
        if (classes.isEmpty()) {
            return metadata;
        }
        Map<String, String> out = new LinkedHashMap<>(metadata);
        try {
            out.put(KEY, JSON.writeValueAsString(classes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write class names as JSON", e);
        }
        return out;
    }

    /** The class names in {@code metadata}; empty when it has none. */
    static List<String> of(Map<String, String> metadata, Path file) {
        String text = metadata.get(KEY);
        if (text == null) {
            return List.of();
        }
        try {
            List<String> names = JSON.readValue(text, new TypeReference<List<String>>() { });
            if (names == null || names.contains(null) || names.stream().distinct().count() != names.size()) {
                throw new IllegalArgumentException(DataFiles.name(file) + ": metadata '" + KEY + "' repeats a class"
                        + " name or holds null; expected distinct names");
            }
            return List.copyOf(names);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(DataFiles.name(file) + ": metadata '" + KEY + "' is not a JSON array of"
                    + " strings: " + e.getOriginalMessage(), e);
        }
    }

    /** "setosa=0, versicolor=1, virginica=2". */
    static String mapping(List<String> classes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < classes.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(classes.get(i)).append('=').append(i);
        }
        return s.toString();
    }
}
