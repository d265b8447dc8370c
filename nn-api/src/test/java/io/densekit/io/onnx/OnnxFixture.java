package io.densekit.io.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One ONNX fixture (see onnx/README.md): a model PyTorch exported (or one in the dynamo exporter's
 * form built from PyTorch weights), its inputs, PyTorch's outputs in the model's dtype and in
 * float64, and PyTorch's state_dict. Read from the class path, so other modules' tests (ONNX
 * Runtime's, in bench) use the files shipped in nn-api's test-jar.
 */
public record OnnxFixture(String name, ModelSpec spec, DType dtype, String form, int opset, byte[] model,
                          HostTensor x, HostTensor torchOut, HostTensor torchOutF64, Map<String, HostTensor> state) {

    /** Every case under onnx/, in the order of scripts/make_onnx_fixtures.py. */
    public static final List<String> CASES = List.of(
            "mlp_f32_gemm_opset13", "mlp_f64_gemm_opset17", "digits_f32_matmul_add_opset15",
            "nobias_f32_transpose_matmul_opset14", "flatten_f64_inputs_opset16", "mlp_f32_dynamo_form_opset18",
            "digits_f64_dynamo_form_opset18");

    /** The row of x that holds a NaN. */
    public static final int NAN_ROW = 4;

    public static OnnxFixture load(String name) {
        try {
            Path dir = Files.createTempDirectory("densekit-onnx-" + name);
            try {
                JsonNode config = new ObjectMapper().readTree(bytes(name, "config.json"));
                DType dtype = DType.parse(config.get("dtype").asText());
                return new OnnxFixture(name, ModelSpec.parse(config.get("model").asText()), dtype,
                        config.get("form").asText(), config.get("opset").asInt(), bytes(name, "model.onnx"),
                        npy(name, "x.npy", dir, dtype), npy(name, "torch_out.npy", dir, dtype),
                        npy(name, "torch_out_f64.npy", dir, DType.F64),
                        SafeTensors.read(copy(name, "state.safetensors", dir)).tensors());
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.delete(p);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ONNX fixture " + name, e);
        }
    }

    /** The model file's name, for messages. */
    public Path modelName() {
        return Path.of(name + ".onnx");
    }

    private static HostTensor npy(String name, String file, Path dir, DType dtype) throws IOException {
        return Npy.read(copy(name, file, dir)).toTensor(dtype);
    }

    private static byte[] bytes(String name, String file) throws IOException {
        try (InputStream in = open(name, file)) {
            return in.readAllBytes();
        }
    }

    private static Path copy(String name, String file, Path dir) throws IOException {
        Path target = dir.resolve(file);
        try (InputStream in = open(name, file)) {
            Files.copy(in, target);
        }
        return target;
    }

    private static InputStream open(String name, String file) throws IOException {
        String resource = "/onnx/" + name + "/" + file;
        InputStream in = OnnxFixture.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource " + resource + "; run /usr/bin/python3 scripts/make_onnx_fixtures.py");
        }
        return in;
    }
}
