package io.densekit.cli;

import io.densekit.io.DataChecks;
import io.densekit.io.onnx.Onnx;
import io.densekit.io.onnx.OnnxModel;
import io.densekit.nn.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The command line's ONNX model files: recognised by their .onnx name, checked like the other weight files. */
final class OnnxFiles {
    private OnnxFiles() {
    }

    static boolean isOnnx(Path file) {
        return DataFiles.name(file).toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /**
     * The model in {@code file}, whose graph gives the spec; a {@code --model} given too must be
     * that spec. Weights must be finite, as for safetensors weights.
     */
    static OnnxModel load(Path file, ModelSpec requested) throws IOException {
        DataFiles.requireFile(file);
        OnnxModel m = Onnx.load(file);
        if (requested != null && !requested.equals(m.spec())) {
            throw new IllegalArgumentException("--model " + requested + " disagrees with " + DataFiles.name(file)
                    + ", whose graph computes " + m.spec() + "; omit --model (the graph gives the spec) or give "
                    + m.spec());
        }
        m.weights().forEach((n, t) -> DataChecks.requireFinite(t, DataFiles.name(file) + " tensor '" + n + "'"));
        return m;
    }
}
