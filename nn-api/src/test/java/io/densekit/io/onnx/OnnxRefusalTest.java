package io.densekit.io.onnx;

import static io.densekit.io.onnx.GraphBuilder.DOUBLE;
import static io.densekit.io.onnx.GraphBuilder.FLOAT;
import static io.densekit.io.onnx.GraphBuilder.floatAttr;
import static io.densekit.io.onnx.GraphBuilder.intAttr;
import static io.densekit.io.onnx.TinyModel.B1;
import static io.densekit.io.onnx.TinyModel.W1;
import static io.densekit.io.onnx.TinyModel.W2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.io.MalformedFileException;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the reader does not read is refused with one line that names the file, the node (its
 * name, op type and the opset) or the tensor, what is wrong and what was expected.
 */
class OnnxRefusalTest {
    @TempDir
    Path dir;

    private static void refused(byte[] bytes, String... parts) {
        assertThatThrownBy(() -> Onnx.parse(bytes, Path.of("m.onnx")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("m.onnx: ")
                .hasMessageNotContaining("\n")
                .hasMessageContainingAll(parts);
    }

    private static void refused(GraphBuilder g, String... parts) {
        refused(g.bytes(), parts);
    }

    /** x [batch, 3] -> Gemm(w1 [4, 3]) -> h, then {@code rest}. */
    private static GraphBuilder afterFirstLayer(int outputWidth) {
        return new GraphBuilder().input("x", FLOAT, "batch", 3).output("y", FLOAT, "batch", outputWidth)
                .matrix("w1", FLOAT, 4, 3, W1).vector("b1", FLOAT, B1)
                .node("Gemm", "g1", List.of("x", "w1", "b1"), "h", intAttr("transB", 1));
    }

    @Test
    void opsetsOutside13To21AndNoDefaultDomain() {
        refused(TinyModel.gemm(FLOAT).opset("", 12), "uses opset 12 of the default ONNX domain",
                "densekit reads opsets 13 to 21", "opset_version=13");
        refused(TinyModel.gemm(FLOAT).opset("", 22), "opset 22", "13 to 21");
        refused(TinyModel.gemm(FLOAT).opset("ai.onnx.ml", 3), "imports no opset of the default ONNX domain");
    }

    @Test
    void unsupportedOpNamesTheNodeTheOpAndTheOpset() {
        refused(afterFirstLayer(4).node("Conv", "/conv/Conv", List.of("h"), "y"),
                "node '/conv/Conv' (Conv, opset 17)", "densekit does not read this op", "Gemm, MatMul");
        refused(afterFirstLayer(4).node("com.example", "Swish", "sw", List.of("h"), "y"),
                "node 'sw' (com.example.Swish, opset 17)", "not in the default ONNX domain");
        refused(afterFirstLayer(4).node("Elu", "", List.of("h"), "y"), "node '#1' (Elu, opset 17)");
    }

    @Test
    void shapesThatDoNotChain() {
        refused(afterFirstLayer(2).matrix("w2", FLOAT, 2, 5, new double[10])
                        .node("Gemm", "g2", List.of("h", "w2"), "y", intAttr("transB", 1)),
                "node 'g2' (Gemm, opset 17) has a weight for 5 inputs but follows a layer of 4 features");
        refused(new GraphBuilder().input("x", FLOAT, "batch", 5).output("y", FLOAT, "batch", 4)
                        .matrix("w1", FLOAT, 4, 3, W1).node("Gemm", "g1", List.of("x", "w1"), "y", intAttr("transB", 1)),
                "has a weight for 3 inputs but follows the graph input of 5 features");
        refused(afterFirstLayer(7).node("Relu", "r", List.of("h"), "y"),
                "the graph output 'y' declares shape [batch, 7] but the layers produce 4 features");
        refused(afterFirstLayer(4).vector("bad", FLOAT, 1, 2, 3).node("Add", "a", List.of("h", "bad"), "y"),
                "node 'a' (Add, opset 17) adds [h, bad]", "the bias (a constant) of the MatMul right before it");
        refused(new GraphBuilder().input("x", FLOAT, "batch", 3).output("y", FLOAT, "batch", 4)
                        .matrix("w1", FLOAT, 3, 4, new double[12]).vector("b1", FLOAT, 1, 2, 3)
                        .node("MatMul", "m", List.of("x", "w1"), "p").node("Add", "a", List.of("p", "b1"), "y"),
                "node 'a' (Add, opset 17) bias (initializer 'b1') has shape [3], expected [4] or [1, 4]");
        refused(new GraphBuilder().input("x", FLOAT, "batch", 3, 2).output("y", FLOAT, "batch", 4),
                "the graph input 'x' has shape [batch, 3, 2]; densekit reads [batch, features]");
    }

    @Test
    void activationsThatNoDenseLayerCanCarry() {
        refused(afterFirstLayer(4).node("Relu", "r1", List.of("h"), "a").node("Tanh", "t", List.of("a"), "y"),
                "node 't' (Tanh, opset 17)", "densekit's Dense layer carries one activation", "this one follows relu");
        refused(new GraphBuilder().input("x", FLOAT, "batch", 3).output("y", FLOAT, "batch", 3)
                        .node("Sigmoid", "s", List.of("x"), "y"),
                "node 's' (Sigmoid, opset 17)", "this one has no layer before it");
        refused(afterFirstLayer(4).node("Softmax", "sm", List.of("h"), "y", intAttr("axis", 0)),
                "node 'sm' (Softmax, opset 17) has axis 0", "over the last axis");
        refused(afterFirstLayer(4).node("Relu", "r", List.of("h"), "y", intAttr("alpha", 1)),
                "node 'r' (Relu, opset 17) has attribute 'alpha'; densekit reads Relu without attributes");
    }

    @Test
    void gemmThatIsNotALinearLayer() {
        refused(afterFirstLayer(4).matrix("w2", FLOAT, 4, 4, new double[16])
                        .node("Gemm", "g2", List.of("h", "w2"), "y", intAttr("transB", 1), floatAttr("alpha", 2f)),
                "node 'g2' (Gemm, opset 17) has transA=0, transB=1, alpha=2.0", "transA=0, alpha=1, beta=1");
        refused(afterFirstLayer(4).matrix("w2", FLOAT, 4, 4, new double[16])
                        .node("Gemm", "g2", List.of("h", "w2"), "y", intAttr("transA", 1)), "transA=1");
        refused(afterFirstLayer(4).node("Gemm", "g2", List.of("h", "h"), "y"),
                "node 'g2' (Gemm, opset 17) input 1 'h' is not an initializer or Constant");
    }

    @Test
    void graphsThatAreNotOneChain() {
        refused(afterFirstLayer(4).input("x2", FLOAT, "batch", 3), "the graph has 2 inputs ['x', 'x2']",
                "one input [batch, features] and one output");
        refused(afterFirstLayer(4).node("Relu", "r", List.of("h"), "a").node("Add", "residual", List.of("a", "h"), "y"),
                "node 'residual' (Add, opset 17) adds [a, h]");
        refused(afterFirstLayer(4).node("Relu", "r", List.of("x"), "y"),
                "node 'r' (Relu, opset 17) reads 'x'", "the chain is at 'h'");
        refused(afterFirstLayer(4).output("z", FLOAT), "the graph has 1 input ['x'] and 2 outputs");
        refused(new GraphBuilder().input("x", FLOAT, "batch", 3).output("x", FLOAT, "batch", 3),
                "the graph has no Gemm or MatMul node");
        refused(afterFirstLayer(4).node("Relu", "r", List.of("h"), "a"),
                "the graph output 'y' is not the end of the chain", "ends at 'a'");
    }

    @Test
    void weightsOfAnotherTypeOrMixedOrElsewhere() {
        refused(TinyModel.frame(FLOAT).initializer("w", 7, new long[] {2, 3}, new double[0], GraphBuilder.Encoding.RAW)
                        .node("Gemm", "g", List.of("x", "w"), "y", intAttr("transB", 1)),
                "node 'g' (Gemm, opset 17) weight (initializer 'w') has data type INT64",
                "FLOAT (float32) and DOUBLE (float64)");
        refused(TinyModel.frame(FLOAT).matrix("w", FLOAT, 2, 3, new double[6]).vector("b", DOUBLE, 1, 2)
                        .node("Gemm", "g", List.of("x", "w", "b"), "y", intAttr("transB", 1)),
                "bias (initializer 'b') is f64 but initializer 'w' is f32", "one dtype");
        refused(TinyModel.frame(DOUBLE).matrix("w", FLOAT, 2, 3, new double[6])
                        .node("Gemm", "g", List.of("x", "w"), "y", intAttr("transB", 1)),
                "the graph input 'x' is a tensor of DOUBLE, expected FLOAT like the weights (initializer 'w')");
        refused(TinyModel.frame(FLOAT).initializer("w", FLOAT, new long[] {2, 3}, new double[0], GraphBuilder.Encoding.EXTERNAL)
                        .node("Gemm", "g", List.of("x", "w"), "y", intAttr("transB", 1)),
                "initializer 'w'", "keeps its data in an external file", "save_as_external_data=False");
        refused(TinyModel.frame(FLOAT).initializer("w", FLOAT, new long[] {2, 3}, new double[5], GraphBuilder.Encoding.RAW)
                        .node("Gemm", "g", List.of("x", "w"), "y", intAttr("transB", 1)),
                "initializer 'w'", "has shape [2, 3] (6 elements) but holds 5 f32 values");
        refused(TinyModel.frame(FLOAT).initializer("w", FLOAT, new long[] {1, 2, 3}, new double[6], GraphBuilder.Encoding.RAW)
                        .node("Gemm", "g", List.of("x", "w"), "y", intAttr("transB", 1)), "has shape [1, 2, 3]");
        refused(TinyModel.gemm(FLOAT).matrix("0.weight", FLOAT, 1, 1, 0), "two initializers are called '0.weight'");
    }

    @Test
    void corruptTruncatedEmptyOrNotOnnx() {
        byte[] valid = TinyModel.gemm(FLOAT).bytes();
        refused(Arrays.copyOf(valid, valid.length - 7), "truncated or corrupt file");
        refused(new byte[0], "the file holds no ONNX graph");
        refused("this is not an ONNX model".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "ModelProto");
        refused(new byte[] {0x0f, 1}, "unknown protobuf wire type 7");
        refused(new byte[] {0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1}, "longer than 10 bytes");
        refused(new byte[] {0x3a, 0x02, 0x0a}, "ModelProto: graph needs 2 bytes but only 1 remain");
        refused(new byte[] {0x3a, 0x02, 0x0a, 0x05}, "ModelProto > graph: node needs 5 bytes but only 0 remain");
    }

    @Test
    void namesFromTheFileStayOnOneLineAndShort() {
        refused(afterFirstLayer(4).node("Conv", "bad\nname\r", List.of("h"), "y"), "node 'bad\\u000aname\\u000d' (Conv");
        assertThatThrownBy(() -> Onnx.parse(afterFirstLayer(4).node("Conv", "n".repeat(100_000), List.of("h"), "y")
                .bytes(), Path.of("m.onnx"))).satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1100));
    }

    @Test
    void readFromAFileNamesItAndBuildsNothing() throws IOException {
        Path file = Files.write(dir.resolve("broken.onnx"), afterFirstLayer(4).node("Conv", "c", List.of("h"), "y").bytes());
        Kernel reference = Kernels.byName("reference");
        assertThatThrownBy(() -> Onnx.read(file, reference)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("broken.onnx: node 'c' (Conv, opset 17)");
        assertThatThrownBy(() -> Onnx.read(dir.resolve("missing.onnx"))).isInstanceOf(NoSuchFileException.class);
        assertThat(((MalformedFileException) org.assertj.core.api.Assertions.catchThrowable(() -> Onnx.load(file)))
                .file()).isEqualTo(file);
    }
}
