package io.densekit.io.onnx;

import static io.densekit.io.onnx.GraphBuilder.DOUBLE;
import static io.densekit.io.onnx.GraphBuilder.FLOAT;
import static io.densekit.io.onnx.GraphBuilder.intAttr;
import static io.densekit.io.onnx.GraphBuilder.intsAttr;
import static io.densekit.io.onnx.GraphBuilder.tensor;
import static io.densekit.io.onnx.GraphBuilder.tensorAttr;
import static io.densekit.io.onnx.TinyModel.B1;
import static io.densekit.io.onnx.TinyModel.B2;
import static io.densekit.io.onnx.TinyModel.W1;
import static io.densekit.io.onnx.TinyModel.W2;
import static io.densekit.io.onnx.TinyModel.transpose;
import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.io.MalformedFileException;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every form of a Linear layer the reader accepts reads to the same model {@code 3,4:relu,2}, with
 * the same weights and outputs: Gemm either way round, MatMul of a weight or of its Transpose with
 * Add of the bias in either operand order, Constant nodes, every encoding of the values, the
 * initializers listed as inputs, Identity and Flatten, a fixed or undeclared batch, opsets 13-21.
 */
class OnnxGraphFormsTest {
    private static OnnxModel read(GraphBuilder g) throws MalformedFileException {
        return Onnx.parse(g.bytes(), Path.of("tiny.onnx"));
    }

    /** The model reads as 3,4:relu,2 and computes the expected outputs (with or without biases). */
    private static void assertTiny(OnnxModel m, boolean biases) {
        assertThat(m.spec()).hasToString(TinyModel.SPEC);
        try (Sequential s = m.build(Kernels.byName("reference"), DType.F64)) {
            OutputAgreement.assertF64("tiny model", s.predict(TinyModel.inputs(DType.F64)),
                    TinyModel.expected(TinyModel.inputs(DType.F64), biases));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {FLOAT, DOUBLE})
    void gemmWithTransB1(int elemType) throws MalformedFileException {
        OnnxModel m = read(TinyModel.gemm(elemType));
        assertThat(m.dtype()).isEqualTo(elemType == FLOAT ? DType.F32 : DType.F64);
        assertThat(m.weights().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(m.weights().get("0.weight").toDoubleArray()).containsExactly(W1);
        assertTiny(m, true);
    }

    @Test
    void gemmWithTransB0TakesTheWeightTransposed() throws MalformedFileException {
        assertTiny(read(TinyModel.frame(DOUBLE)
                .matrix("w1t", DOUBLE, 3, 4, transpose(W1, 4, 3)).vector("b1", DOUBLE, B1)
                .matrix("w2t", DOUBLE, 4, 2, transpose(W2, 2, 4)).vector("b2", DOUBLE, B2)
                .node("Gemm", "g1", List.of("x", "w1t", "b1"), "h", intAttr("transB", 0), GraphBuilder.floatAttr("alpha", 1f))
                .node("Relu", "r", List.of("h"), "a")
                .node("Gemm", "g2", List.of("a", "w2t", "b2"), "y")), true);
    }

    @Test
    void matMulOfATransposedInitializerThenAddInEitherOrder() throws MalformedFileException {
        assertTiny(read(TinyModel.frame(DOUBLE)
                .matrix("mm1", DOUBLE, 3, 4, transpose(W1, 4, 3)).vector("b1", DOUBLE, B1)
                .matrix("mm2", DOUBLE, 4, 2, transpose(W2, 2, 4)).initializer("b2", DOUBLE, new long[] {1, 2}, B2,
                        GraphBuilder.Encoding.RAW)
                .node("MatMul", "m1", List.of("x", "mm1"), "p")
                .node("Add", "a1", List.of("p", "b1"), "h")
                .node("Relu", "r", List.of("h"), "a")
                .node("MatMul", "m2", List.of("a", "mm2"), "q")
                .node("Add", "a2", List.of("b2", "q"), "y")), true);
    }

    @Test
    void transposeNodesOfTheWeightsAsTheDynamoExporterWrites() throws MalformedFileException {
        assertTiny(read(TinyModel.frame(FLOAT)
                .matrix("0.weight", FLOAT, 4, 3, W1).vector("0.bias", FLOAT, B1)
                .matrix("2.weight", FLOAT, 2, 4, W2).vector("2.bias", FLOAT, B2)
                .node("Transpose", "t1", List.of("0.weight"), "t1o", intsAttr("perm", 1, 0))
                .node("MatMul", "m1", List.of("x", "t1o"), "p")
                .node("Add", "a1", List.of("p", "0.bias"), "h")
                .node("Relu", "r", List.of("h"), "a")
                .node("Transpose", "t2", List.of("2.weight"), "t2o")
                .node("MatMul", "m2", List.of("a", "t2o"), "q")
                .node("Add", "a2", List.of("q", "2.bias"), "y")), true);
    }

    @Test
    void matMulAndGemmWithoutBiasGetZeroBiases() throws MalformedFileException {
        OnnxModel m = read(TinyModel.frame(DOUBLE)
                .matrix("w1", DOUBLE, 4, 3, W1).matrix("w2t", DOUBLE, 4, 2, transpose(W2, 2, 4))
                .node("Gemm", "g", List.of("x", "w1", ""), "h", intAttr("transB", 1))
                .node("Relu", "r", List.of("h"), "a")
                .node("MatMul", "m", List.of("a", "w2t"), "y"));
        assertThat(m.weights().get("0.bias").toDoubleArray()).containsOnly(0.0);
        assertTiny(m, false);
    }

    @Test
    void constantNodesAndIdentityAliasesOfWeights() throws MalformedFileException {
        assertTiny(read(TinyModel.frame(DOUBLE)
                .node("Constant", "c1", List.of(), "w1", tensorAttr("value",
                        tensor("", DOUBLE, new long[] {4, 3}, W1, GraphBuilder.Encoding.PACKED)))
                .node("Constant", "c2", List.of(), "b1", tensorAttr("value",
                        tensor("", DOUBLE, new long[] {4}, B1, GraphBuilder.Encoding.UNPACKED)))
                .matrix("w2", DOUBLE, 2, 4, W2).vector("b2", DOUBLE, B2)
                .node("Identity", "alias", List.of("w2"), "w2copy")
                .node("Flatten", "f", List.of("x"), "xf", intAttr("axis", 1))
                .node("Gemm", "g1", List.of("xf", "w1", "b1"), "h", intAttr("transB", 1))
                .node("Identity", "i", List.of("h"), "hi")
                .node("Relu", "r", List.of("hi"), "a")
                .node("Gemm", "g2", List.of("a", "w2copy", "b2"), "y", intAttr("transB", 1))), true);
    }

    @ParameterizedTest
    @EnumSource(value = GraphBuilder.Encoding.class, names = {"RAW", "PACKED", "UNPACKED"})
    void everyEncodingOfTheValues(GraphBuilder.Encoding enc) throws MalformedFileException {
        for (int type : new int[] {FLOAT, DOUBLE}) {
            assertTiny(read(TinyModel.frame(type)
                    .initializer("w1", type, new long[] {4, 3}, W1, enc).initializer("b1", type, new long[] {4}, B1, enc)
                    .initializer("w2", type, new long[] {2, 4}, W2, enc).initializer("b2", type, new long[] {2}, B2, enc)
                    .node("Gemm", "g1", List.of("x", "w1", "b1"), "h", intAttr("transB", 1))
                    .node("Relu", "r", List.of("h"), "a")
                    .node("Gemm", "g2", List.of("a", "w2", "b2"), "y", intAttr("transB", 1))), true);
        }
    }

    @Test
    void initializersListedAsInputsAsOlderExportersWrite() throws MalformedFileException {
        assertTiny(read(TinyModel.gemm(FLOAT).input("0.weight", FLOAT, 4, 3).input("0.bias", FLOAT, 4)
                .input("2.weight", FLOAT, 2, 4).input("2.bias", FLOAT, 2)), true);
    }

    @Test
    void aFixedOrUndeclaredBatchAndAnUndeclaredWidth() throws MalformedFileException {
        GraphBuilder fixed = TinyModel.gemm(FLOAT);
        assertTiny(read(new GraphBuilder().input("x", FLOAT, 1, 3).output("y", FLOAT, 1, 2)
                .matrix("0.weight", FLOAT, 4, 3, W1).vector("0.bias", FLOAT, B1)
                .matrix("2.weight", FLOAT, 2, 4, W2).vector("2.bias", FLOAT, B2)
                .node("Gemm", "g1", List.of("x", "0.weight", "0.bias"), "h", intAttr("transB", 1))
                .node("Relu", "r", List.of("h"), "a")
                .node("Gemm", "g2", List.of("a", "2.weight", "2.bias"), "y", intAttr("transB", 1))), true);
        assertTiny(read(new GraphBuilder().input("x", FLOAT).output("y", FLOAT, "n", "m")
                .matrix("0.weight", FLOAT, 4, 3, W1).vector("0.bias", FLOAT, B1)
                .matrix("2.weight", FLOAT, 2, 4, W2).vector("2.bias", FLOAT, B2)
                .node("Gemm", "g1", List.of("x", "0.weight", "0.bias"), "h", intAttr("transB", 1))
                .node("Relu", "r", List.of("h"), "a")
                .node("Gemm", "g2", List.of("a", "2.weight", "2.bias"), "y", intAttr("transB", 1))), true);
        assertThat(read(fixed).opset()).isEqualTo(17);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 18, 21})
    void opsets13To21OfTheDefaultDomainUnderEitherName(int opset) throws MalformedFileException {
        assertThat(read(TinyModel.gemm(FLOAT).opset(opset == 18 ? "ai.onnx" : "", opset)
                .opset("com.microsoft", 1)).opset()).isEqualTo(opset);
    }

    @Test
    void softmaxAndLogSoftmaxOverAxisMinus1Or1() throws MalformedFileException {
        for (String op : new String[] {"Softmax", "LogSoftmax"}) {
            for (long axis : new long[] {-1, 1}) {
                OnnxModel m = read(TinyModel.frame(FLOAT).matrix("w", FLOAT, 2, 3, W1[0], W1[1], W1[2], W1[3], W1[4], W1[5])
                        .node("Gemm", "g", List.of("x", "w"), "z", intAttr("transB", 1))
                        .node(op, "s", List.of("z"), "y", intAttr("axis", axis)));
                assertThat(m.spec()).hasToString("3,2:" + op.toLowerCase(java.util.Locale.ROOT));
            }
        }
    }
}
