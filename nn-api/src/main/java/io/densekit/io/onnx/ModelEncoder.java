package io.densekit.io.onnx;

import io.densekit.kernel.Activation;
import io.densekit.nn.ActivationLayer;
import io.densekit.nn.Dense;
import io.densekit.nn.Layer;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/**
 * Encodes a {@link Sequential} as an ONNX model at opset {@value #OPSET} (IR version
 * {@value #IR_VERSION}, the version that opset came with): one {@code Gemm(x, W, b, transB=1)} per
 * Dense layer with densekit's {@code [out, in]} weight as it is, one node per activation, weights as
 * raw little-endian initializers under PyTorch's state_dict names, and a symbolic batch dimension
 * "batch". Node and value names follow PyTorch's TorchScript exporter ({@code /0/Gemm}).
 */
final class ModelEncoder {
    static final int OPSET = 18;
    static final int IR_VERSION = 8;

    private ModelEncoder() {
    }

    static byte[] encode(Sequential model) {
        int elemType = model.dtype() == DType.F32 ? TensorProto.FLOAT : TensorProto.DOUBLE;
        Map<String, HostTensor> weights = model.state().export();
        WireWriter graph = new WireWriter();
        String current = "input";
        int index = 0;
        int last = model.layers().size() - 1;
        for (int i = 0; i <= last; i++) {
            Layer l = model.layers().get(i);
            switch (l) {
                case Dense d -> {
                    boolean activates = d.activation() != Activation.IDENTITY;
                    String out = i == last && !activates ? "output" : "/" + index + "/Gemm_output_0";
                    graph.message(1, node("/" + index + "/Gemm", "Gemm", out, current, index + ".weight", index + ".bias")
                            .message(5, new WireWriter().string(1, "transB").int64(3, 1).int64(20, AttributeProto.INT)));
                    current = out;
                    if (activates) {
                        current = activation(graph, d.activation(), index + 1, current, i == last);
                    }
                }
                case ActivationLayer a -> current = activation(graph, a.activation(), index, current, i == last);
                default -> throw new IllegalArgumentException("cannot write " + l.describe()
                        + " to ONNX; densekit writes Dense and activation layers");
            }
            index += l.torchModules();
        }
        for (Map.Entry<String, HostTensor> w : weights.entrySet()) {
            graph.message(5, initializer(w.getKey(), w.getValue(), elemType));
        }
        graph.string(2, "densekit")
                .message(11, valueInfo("input", elemType, model.inputWidth()))
                .message(12, valueInfo("output", elemType, model.outputWidth()));
        String version = ModelEncoder.class.getPackage().getImplementationVersion();
        return new WireWriter()
                .int64(1, IR_VERSION)
                .string(2, "densekit")
                .string(3, version == null ? "development" : version)
                .message(7, graph)
                .message(8, new WireWriter().string(1, "").int64(2, OPSET))
                .toByteArray();
    }

    private static String activation(WireWriter graph, Activation act, int index, String input, boolean last) {
        String op = switch (act) {
            case RELU -> "Relu";
            case SIGMOID -> "Sigmoid";
            case TANH -> "Tanh";
            case SOFTMAX -> "Softmax";
            case LOG_SOFTMAX -> "LogSoftmax";
            case IDENTITY -> "Identity";
        };
        String out = last ? "output" : "/" + index + "/" + op + "_output_0";
        WireWriter node = node("/" + index + "/" + op, op, out, input);
        if (act.isRowWise()) {
            node.message(5, new WireWriter().string(1, "axis").int64(3, -1).int64(20, AttributeProto.INT));
        }
        graph.message(1, node);
        return out;
    }

    private static WireWriter node(String name, String op, String output, String... inputs) {
        WireWriter n = new WireWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        return n.string(2, output).string(3, name).string(4, op);
    }

    private static WireWriter initializer(String name, HostTensor t, int elemType) {
        WireWriter w = new WireWriter();
        for (int d : t.shape()) {
            w.int64(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(Math.toIntExact(t.size() * t.dtype().byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.F32) {
            raw.asFloatBuffer().put(t.floatArray(), t.offset(), (int) t.size());
        } else {
            raw.asDoubleBuffer().put(t.doubleArray(), t.offset(), (int) t.size());
        }
        return w.int64(2, elemType).string(8, name).bytes(9, raw.array());
    }

    private static WireWriter valueInfo(String name, int elemType, int features) {
        WireWriter shape = new WireWriter()
                .message(1, new WireWriter().string(2, "batch"))
                .message(1, new WireWriter().int64(1, features));
        WireWriter tensor = new WireWriter().int64(1, elemType).message(2, shape);
        return new WireWriter().string(1, name).message(2, new WireWriter().message(1, tensor));
    }
}
