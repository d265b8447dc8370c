package io.densekit.io.onnx;

import io.densekit.io.MalformedFileException;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Parameter;
import io.densekit.nn.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX files in and out. {@link #read(Path)} builds a {@link Sequential} from the graph that
 * PyTorch's exporters give an {@code nn.Sequential} of {@code Linear} layers and activations (see
 * {@link GraphMatcher} for the forms read); anything else is a {@link MalformedFileException} that
 * names the node, its op type and the opset. {@link #write} writes a graph that ONNX Runtime runs.
 *
 * <pre>{@code
 * try (Sequential m = Onnx.read(Path.of("model.onnx"))) {
 *     HostTensor p = m.predict(x);
 * }
 * }</pre>
 */
public final class Onnx {
    /** Protobuf messages are limited to 2 GiB; so are the files densekit reads and writes. */
    static final long MAX_FILE = Integer.MAX_VALUE - 8;
    static final int MAX_MESSAGE = 1000;

    private Onnx() {
    }

    /** The model in {@code file} on {@link Kernels#best()}, in the dtype of its initializers. */
    public static Sequential read(Path file) throws IOException {
        return read(file, Kernels.best());
    }

    /** The model in {@code file} on {@code kernel}, in the dtype of its initializers. */
    public static Sequential read(Path file, Kernel kernel) throws IOException {
        return load(file).build(kernel);
    }

    /**
     * Reads and checks the whole graph without putting it on a kernel: its spec, dtype and weights.
     * Everything is checked here, so building the model afterwards cannot fail on the file's contents.
     */
    public static OnnxModel load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new MalformedFileException(file, "the file is " + size + " bytes; an ONNX model (a protobuf"
                    + " message) holds at most " + MAX_FILE + " bytes");
        }
        return parse(Files.readAllBytes(file), file);
    }

    /** {@link #load} of a model's bytes; {@code name} is the file name the messages show. */
    public static OnnxModel parse(byte[] bytes, Path name) throws MalformedFileException {
        try {
            return GraphMatcher.match(ModelProto.decode(bytes));
        } catch (OnnxFormatException e) {
            throw new MalformedFileException(name, oneLine(e.getMessage()), e);
        }
    }

    /**
     * The message with the control characters that names from the file may hold escaped (so it stays
     * one line), and cut to {@value #MAX_MESSAGE} characters (a name can be as long as the file).
     */
    static String oneLine(String message) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < message.length() && sb.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) { // line and paragraph separators
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < MAX_MESSAGE ? sb.toString() : sb.append("...").toString();
    }

    /** Writes {@code model} as an ONNX file (opset 18, Gemm with transB=1, a symbolic batch dimension). */
    public static void write(Sequential model, Path file) throws IOException {
        long bytes = model.parameters().stream().mapToLong(Onnx::bytes).sum();
        if (bytes > MAX_FILE - (1 << 20)) {
            throw new IllegalArgumentException("the model's " + bytes + " bytes of weights do not fit an ONNX file,"
                    + " which holds at most " + MAX_FILE + " bytes (protobuf's limit)");
        }
        Files.write(file, ModelEncoder.encode(model));
    }

    private static long bytes(Parameter p) {
        return p.value().size() * p.value().dtype().byteSize();
    }
}
