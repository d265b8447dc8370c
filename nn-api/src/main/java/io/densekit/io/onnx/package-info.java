/**
 * <b>User API.</b> ONNX models in and out: {@link io.densekit.io.onnx.Onnx#read} builds a
 * {@link io.densekit.nn.Sequential} from the graph PyTorch's exporters give an {@code nn.Sequential}
 * of {@code Linear} layers and activations, {@link io.densekit.io.onnx.Onnx#write} writes one that
 * ONNX Runtime runs.
 *
 * <h2>Why a hand-written protobuf decoder</h2>
 *
 * An ONNX file is one protobuf {@code ModelProto}. densekit needs eight of its messages (ModelProto,
 * OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto with
 * TypeProto and TensorShapeProto), a few fields of each, and the four wire types ONNX uses. The
 * alternative, protobuf-java with {@code onnx.proto} compiled in the build, would add a 1.9 MB
 * runtime dependency and a protoc step to nn-api, the module every user depends on, for about
 * 300 lines of decoding, and it would still leave the checks densekit needs to write by hand:
 * protobuf-java parses any well-formed message, so the shapes, dtypes, data lengths and the graph's
 * structure must be checked after it anyway. The hand decoder ({@code WireReader}) checks every
 * length against the bytes left in the enclosing message before it allocates, refuses unknown wire
 * types, accepts packed and unpacked repeated fields, and skips fields it does not need, so newer
 * ONNX versions that add fields still read. Its failures, like every refusal of the graph, are
 * {@link io.densekit.io.MalformedFileException}s naming the file; the fuzz tests hold it to that.
 *
 * <h2>What is read</h2>
 *
 * Opsets 13 to 21 of the default domain (older ones are refused with their opset; see
 * {@code Opsets}); one input {@code [batch, features]} with a symbolic or fixed batch; Gemm,
 * or MatMul (of a weight, or of a Transpose of one) with an optional Add of the bias; one activation
 * per layer (Relu, Sigmoid, Tanh, Softmax and LogSoftmax over the last axis); Flatten and Identity;
 * float32 or float64 weights in {@code raw_data} or {@code float_data}/{@code double_data}, as
 * initializers (also when listed as graph inputs) or Constant nodes. Refused with a clear message:
 * external data, other ops and domains, two activations in a row or one with no layer before it (a
 * densekit Dense layer carries one activation), shapes that do not chain, mixed dtypes.
 */
package io.densekit.io.onnx;
