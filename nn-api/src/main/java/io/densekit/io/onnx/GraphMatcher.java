package io.densekit.io.onnx;

import io.densekit.kernel.Activation;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recognises a chain of Dense layers in an ONNX graph, the forms PyTorch's exporters give an
 * {@code nn.Sequential} of {@code Linear} and activations:
 *
 * <ul>
 *   <li>{@code Gemm(x, W, b)} with alpha = beta = 1, transA = 0, transB = 1 (W is {@code [out, in]})
 *       or transB = 0 (W is {@code [in, out]}, transposed on read); without b the bias is zero;</li>
 *   <li>{@code MatMul(x, W)} with W {@code [in, out]}, or a {@code Transpose} of a {@code [out, in]}
 *       constant, then optionally {@code Add} of a bias constant (zero bias without one: exact);</li>
 *   <li>one activation after each: Relu, Sigmoid, Tanh, Softmax or LogSoftmax over the last axis;</li>
 *   <li>Flatten (axis 1 of a {@code [batch, features]} tensor) and Identity, which change nothing;</li>
 *   <li>weights as initializers (also when older exporters list them as graph inputs) or as
 *       Constant nodes, float32 or float64, all of one dtype.</li>
 * </ul>
 *
 * The nodes must form one chain from the graph's single input to its single output; anything else is
 * refused naming the node, its op type and the opset. Nothing is built until the whole graph matched.
 */
final class GraphMatcher {
    private static final Map<String, Activation> ACTIVATIONS = Map.of("Relu", Activation.RELU, "Sigmoid",
            Activation.SIGMOID, "Tanh", Activation.TANH, "Softmax", Activation.SOFTMAX, "LogSoftmax",
            Activation.LOG_SOFTMAX);
    private static final String SUPPORTED = "Gemm, MatMul, Add (of a bias), Relu, Sigmoid, Tanh, Softmax,"
            + " LogSoftmax, Flatten, Identity, and Transpose and Constant of weights";

    /** A constant value by name: an initializer or a Constant node's output, maybe behind a Transpose. */
    private record Constant(TensorProto proto, boolean transposed, String origin) {
    }

    private final long opset;
    private final Map<String, Constant> constants = new HashMap<>();
    private final List<DenseDraft> layers = new ArrayList<>();
    private DType dtype;
    private String dtypeOrigin;
    private String current;
    private int width;

    private GraphMatcher(long opset) {
        this.opset = opset;
    }

    static OnnxModel match(ModelProto model) {
        GraphProto graph = model.graph();
        if (graph == null) {
            throw new OnnxFormatException("the file holds no ONNX graph (empty, truncated, or not an ONNX model)");
        }
        long opset = Opsets.defaultDomain(model);
        GraphMatcher m = new GraphMatcher(opset);
        return m.run(graph, model.producerName() + (model.producerVersion().isEmpty() ? "" : " " + model.producerVersion()));
    }

    private OnnxModel run(GraphProto graph, String producer) {
        if (graph.sparseInitializers() > 0) {
            throw new OnnxFormatException("the graph has sparse initializers; densekit reads dense weights");
        }
        for (TensorProto t : graph.initializers()) {
            if (constants.put(t.name(), new Constant(t, false, "initializer '" + t.name() + "'")) != null) {
                throw new OnnxFormatException("two initializers are called '" + t.name() + "'");
            }
        }
        // Older exporters also list every initializer as a graph input; the data input is the other one.
        ValueInfoProto input = GraphEnds.dataInput(graph, constants.keySet());
        width = GraphEnds.declaredWidth(input, "input");
        current = input.name();
        for (int i = 0; i < graph.nodes().size(); i++) {
            node(graph.nodes().get(i), i);
        }
        ValueInfoProto output = graph.outputs().getFirst();
        if (layers.isEmpty()) {
            throw new OnnxFormatException("the graph has no Gemm or MatMul node; densekit models have at least one"
                    + " Dense layer");
        }
        if (!output.name().equals(current)) {
            throw new OnnxFormatException("the graph output '" + output.name() + "' is not the end of the chain of"
                    + " layers from the input '" + input.name() + "' (which ends at '" + current + "')");
        }
        GraphEnds.checkElementType(input, "input", dtype, dtypeOrigin);
        GraphEnds.checkElementType(output, "output", dtype, dtypeOrigin);
        int outWidth = GraphEnds.declaredWidth(output, "output");
        if (outWidth >= 0 && outWidth != width) {
            throw new OnnxFormatException("the graph output '" + output.name() + "' declares shape "
                    + output.shapeString() + " but the layers produce " + width + " features");
        }
        return build(producer);
    }

    private OnnxModel build(String producer) {
        List<ModelSpec.LayerSpec> specs = new ArrayList<>();
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        int index = 0;
        for (DenseDraft d : layers) {
            specs.add(new ModelSpec.LayerSpec(d.out(), d.activation()));
            weights.put(index + ".weight", d.weight);
            weights.put(index + ".bias", d.biasVector());
            index += d.hasActivation() ? 2 : 1;
        }
        return new OnnxModel(new ModelSpec(layers.getFirst().in(), specs), dtype, weights, opset, producer);
    }

    // ---- nodes ----

    private void node(NodeProto n, int index) {
        String what = "node '" + (n.name().isEmpty() ? "#" + index : n.name()) + "' ("
                + (n.domain().isEmpty() ? "" : n.domain() + ".") + n.opType() + ", opset " + opset + ")";
        if (!Opsets.DEFAULT_DOMAINS.contains(n.domain())) {
            throw new OnnxFormatException(what + ": the op is not in the default ONNX domain; densekit reads " + SUPPORTED);
        }
        if (n.outputs().size() != 1 || n.outputs().getFirst().isEmpty()) {
            throw new OnnxFormatException(what + " has " + n.outputs().size() + " outputs " + n.outputs()
                    + "; densekit reads nodes of one output");
        }
        String out = n.outputs().getFirst();
        Activation act = ACTIVATIONS.get(n.opType());
        if (act != null) {
            activation(n, what, act);
            current = out;
            return;
        }
        switch (n.opType()) {
            case "Constant" -> constantNode(n, what, out);
            case "Transpose" -> transpose(n, what, out);
            case "Identity" -> identity(n, what, out);
            case "Flatten" -> flatten(n, what);
            case "Gemm" -> gemm(n, what);
            case "MatMul" -> matMul(n, what);
            case "Add" -> add(n, what);
            default -> throw new OnnxFormatException(what + ": densekit does not read this op; it reads " + SUPPORTED);
        }
        if (!n.opType().equals("Constant") && !n.opType().equals("Transpose") && !constants.containsKey(out)) {
            current = out;
        }
    }

    private void constantNode(NodeProto n, String what, String out) {
        NodeAttributes.allow(n, what, "value");
        AttributeProto value = n.attribute("value");
        if (value == null || value.t() == null || !n.inputs().isEmpty()) {
            throw new OnnxFormatException(what + " has no tensor 'value'; densekit reads Constant nodes that hold"
                    + " a tensor of weights");
        }
        constants.put(out, new Constant(value.t(), false, what));
    }

    private void transpose(NodeProto n, String what, String out) {
        NodeAttributes.allow(n, what, "perm");
        requireInputs(n, what, 1, 1);
        Constant c = constantInput(n, what, 0);
        long[] perm = NodeAttributes.ints(n, what, "perm");
        boolean swaps = perm == null || perm.length == 2 && perm[0] == 1 && perm[1] == 0;
        boolean keeps = perm != null && (perm.length == 1 && perm[0] == 0 || perm.length == 2 && perm[0] == 0 && perm[1] == 1);
        if (!swaps && !keeps) {
            throw new OnnxFormatException(what + " has perm " + java.util.Arrays.toString(perm)
                    + "; densekit reads Transpose of a weight matrix with perm [1, 0]");
        }
        constants.put(out, new Constant(c.proto(), c.transposed() ^ swaps, c.origin() + " transposed by " + what));
    }

    private void identity(NodeProto n, String what, String out) {
        NodeAttributes.allow(n, what);
        requireInputs(n, what, 1, 1);
        Constant c = constants.get(n.inputs().getFirst());
        if (c != null) { // the TorchScript exporter aliases shared weights through Identity
            constants.put(out, c);
        } else {
            requireCurrent(n, what);
        }
    }

    private void flatten(NodeProto n, String what) {
        NodeAttributes.allow(n, what, "axis");
        requireInputs(n, what, 1, 1);
        requireCurrent(n, what);
        long axis = NodeAttributes.integer(n, what, "axis", 1);
        if (axis != 1 && axis != -1) {
            throw new OnnxFormatException(what + " has axis " + axis + "; densekit reads Flatten with axis 1 of a"
                    + " [batch, features] input, which changes nothing");
        }
    }

    private void gemm(NodeProto n, String what) {
        NodeAttributes.allow(n, what, "alpha", "beta", "transA", "transB");
        requireInputs(n, what, 2, 3);
        requireCurrent(n, what);
        long transA = NodeAttributes.integer(n, what, "transA", 0);
        long transB = NodeAttributes.integer(n, what, "transB", 0);
        float alpha = NodeAttributes.real(n, what, "alpha", 1f);
        float beta = NodeAttributes.real(n, what, "beta", 1f);
        boolean hasBias = n.inputs().size() == 3 && !n.inputs().get(2).isEmpty();
        if (transA != 0 || (transB != 0 && transB != 1) || alpha != 1f || (hasBias && beta != 1f)) {
            throw new OnnxFormatException(what + " has transA=" + transA + ", transB=" + transB + ", alpha=" + alpha
                    + ", beta=" + beta + "; densekit reads Gemm as a Linear layer: transA=0, alpha=1, beta=1");
        }
        HostTensor w = matrix(constantInput(n, what, 1), transB == 0, what + " weight");
        HostTensor b = hasBias ? bias(constantInput(n, what, 2), w.rows(), what) : null;
        addLayer(new DenseDraft(w, b, what), what);
    }

    private void matMul(NodeProto n, String what) {
        NodeAttributes.allow(n, what);
        requireInputs(n, what, 2, 2);
        requireCurrent(n, what);
        // MatMul computes x B with B [in, out]; densekit's weight is B^T.
        addLayer(new DenseDraft(matrix(constantInput(n, what, 1), true, what + " weight"), null, what), what);
    }

    private void add(NodeProto n, String what) {
        NodeAttributes.allow(n, what);
        requireInputs(n, what, 2, 2);
        int data = n.inputs().indexOf(current);
        DenseDraft last = layers.isEmpty() ? null : layers.getLast();
        if (data < 0 || last == null || !last.awaitsBias() || !constants.containsKey(n.inputs().get(1 - data))) {
            throw new OnnxFormatException(what + " adds " + n.inputs() + "; densekit reads Add only as the bias"
                    + " (a constant) of the MatMul right before it");
        }
        last.bias(bias(constantInput(n, what, 1 - data), last.out(), what));
    }

    private void activation(NodeProto n, String what, Activation act) {
        NodeAttributes.allow(n, what, act.isRowWise() ? new String[] {"axis"} : new String[0]);
        requireInputs(n, what, 1, 1);
        requireCurrent(n, what);
        if (act.isRowWise()) {
            long axis = NodeAttributes.integer(n, what, "axis", -1);
            if (axis != -1 && axis != 1) {
                throw new OnnxFormatException(what + " has axis " + axis + "; densekit applies " + n.opType()
                        + " over the last axis (axis -1, or 1 for a [batch, features] input)");
            }
        }
        DenseDraft last = layers.isEmpty() ? null : layers.getLast();
        if (last == null || last.hasActivation()) {
            throw new OnnxFormatException(what + ": densekit's Dense layer carries one activation, so an activation"
                    + " must follow a Gemm or MatMul (+ Add) directly" + (last == null ? "; this one has no layer before it"
                    : last.hasActivation() ? "; this one follows " + last.activation().specName() : ""));
        }
        last.activation(act);
    }

    private void addLayer(DenseDraft d, String what) {
        if (width >= 0 && d.in() != width) {
            throw new OnnxFormatException(what + " has a weight for " + d.in() + " inputs but follows "
                    + (layers.isEmpty() ? "the graph input" : "a layer") + " of " + width + " features");
        }
        if (d.in() == 0 || d.out() == 0) {
            throw new OnnxFormatException(what + " has a weight of shape " + d.weight.shapeString()
                    + "; a Dense layer needs positive widths");
        }
        layers.add(d);
        width = d.out();
    }

    // ---- operands ----

    private void requireInputs(NodeProto n, String what, int min, int max) {
        if (n.inputs().size() < min || n.inputs().size() > max) {
            throw new OnnxFormatException(what + " has " + n.inputs().size() + " inputs " + n.inputs() + "; expected "
                    + (min == max ? Integer.toString(min) : min + " to " + max));
        }
    }

    private void requireCurrent(NodeProto n, String what) {
        if (!n.inputs().getFirst().equals(current)) {
            throw new OnnxFormatException(what + " reads '" + n.inputs().getFirst() + "', but densekit reads a chain"
                    + " of layers and the chain is at '" + current + "'");
        }
    }

    /** Input {@code at} (the caller has checked the input count) as a constant. */
    private Constant constantInput(NodeProto n, String what, int at) {
        Constant c = constants.get(n.inputs().get(at));
        if (c == null) {
            throw new OnnxFormatException(what + " input " + at + " '" + n.inputs().get(at)
                    + "' is not an initializer or Constant; densekit reads weights and biases that are constants");
        }
        return c;
    }

    /** A constant as a matrix; {@code transpose} asks for its transpose. */
    private HostTensor matrix(Constant c, boolean transpose, String what) {
        HostTensor t = host(c, what);
        if (t.shape().length != 2) {
            throw new OnnxFormatException(what + " (" + c.origin() + ") has shape " + t.shapeString()
                    + "; expected a matrix");
        }
        return transpose ^ c.transposed() ? transposed(t) : t;
    }

    private HostTensor bias(Constant c, int out, String what) {
        HostTensor b = host(c, what + " bias");
        boolean vector = b.shape().length == 1 ? b.cols() == out : b.rows() == 1 && b.cols() == out;
        if (!vector) {
            throw new OnnxFormatException(what + " bias (" + c.origin() + ") has shape " + b.shapeString()
                    + ", expected [" + out + "] or [1, " + out + "] for a layer of " + out + " outputs");
        }
        return b;
    }

    private HostTensor host(Constant c, String what) {
        HostTensor t = TensorData.toHost(c.proto(), what + " (" + c.origin() + ")");
        if (dtype == null) {
            dtype = t.dtype();
            dtypeOrigin = c.origin();
        } else if (t.dtype() != dtype) {
            throw new OnnxFormatException(what + " (" + c.origin() + ") is " + t.dtype() + " but " + dtypeOrigin
                    + " is " + dtype + "; densekit needs every weight in one dtype");
        }
        return t;
    }

    private static HostTensor transposed(HostTensor t) {
        HostTensor out = HostTensor.zeros(t.dtype(), t.cols(), t.rows());
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                out.set(c, r, t.get(r, c));
            }
        }
        return out;
    }
}
