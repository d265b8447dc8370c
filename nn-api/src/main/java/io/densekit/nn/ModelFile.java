package io.densekit.nn;

import io.densekit.io.MalformedFileException;
import io.densekit.io.SafeTensors;
import io.densekit.io.SafeTensorsFile;
import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A whole model in one safetensors file: the weights under PyTorch's state_dict names, and in
 * {@code __metadata__} the spec ({@value #MODEL}) and dtype ({@value #DTYPE}) that rebuild it,
 * plus {@code format: pt} as PyTorch's own files carry.
 */
final class ModelFile {
    /** The metadata key of the model spec, e.g. {@code 6,32:tanh,3}. */
    static final String MODEL = "densekit_model";
    /** The metadata key of the dtype, {@code f32} or {@code f64}. */
    static final String DTYPE = "densekit_dtype";

    private ModelFile() {
    }

    static void save(Sequential model, Path file, Map<String, String> extra) throws IOException {
        ModelSpec spec = model.spec(); // refuses a model no spec describes before the file is touched
        for (String key : extra.keySet()) {
            if (key.equals("format") || key.equals(MODEL) || key.equals(DTYPE)) {
                throw new IllegalArgumentException("metadata key '" + key + "' is written by save itself;"
                        + " choose another name");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>(extra);
        metadata.put("format", "pt");
        metadata.put(MODEL, spec.toString());
        metadata.put(DTYPE, model.dtype().shortName());
        SafeTensors.write(file, model.state().export(), metadata);
    }

    static Sequential load(Path file, Kernel kernel) throws IOException {
        SafeTensorsFile contents = SafeTensors.read(file);
        ModelSpec spec = spec(file, contents.metadata());
        DType dtype = dtype(file, contents.metadata());
        Sequential model = Sequential.of(spec, kernel, dtype, 0);
        try {
            model.state().load(contents.tensors());
        } catch (IllegalArgumentException e) {
            model.close();
            throw new MalformedFileException(file, "the weights do not fit its model " + spec + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    private static ModelSpec spec(Path file, Map<String, String> metadata) throws MalformedFileException {
        return parsed(file, metadata, MODEL, "the model spec, e.g. 6,32:tanh,3", ModelSpec::parse);
    }

    private static DType dtype(Path file, Map<String, String> metadata) throws MalformedFileException {
        return parsed(file, metadata, DTYPE, "the model's dtype, f32 or f64", DType::parse);
    }

    /** The value under {@code key} read by {@code parser}, whose refusal becomes the file's error. */
    private static <T> T parsed(Path file, Map<String, String> metadata, String key, String what,
                                Function<String, T> parser) throws MalformedFileException {
        String text = required(file, metadata, key, what);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedFileException(file, "__metadata__ '" + key + "' does not parse: " + e.getMessage(), e);
        }
    }

    private static String required(Path file, Map<String, String> metadata, String key, String what)
            throws MalformedFileException {
        String value = metadata.get(key);
        if (value == null) {
            throw new MalformedFileException(file, "no '" + key + "' in its __metadata__ (" + what
                    + ", which Sequential.save writes); a file of weights alone loads into a model built"
                    + " with Sequential.of through state().load");
        }
        return value;
    }
}
