package io.densekit.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.nn.ActivationLayer;
import io.densekit.nn.Dense;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * densekit to densekit: what {@link Onnx#write} writes reads back to the same spec, the same weights
 * bit for bit and so the same outputs bit for bit, for random specs of every activation and both
 * dtypes. (ONNX Runtime runs the same files in bench's OnnxRuntimeRoundTripTest.)
 */
class OnnxWriteReadTest {
    private static final Kernel REFERENCE = Kernels.byName("reference");
    private static final Activation[] ACTIVATIONS = Activation.values();

    @TempDir
    Path dir;

    @Property(tries = 40)
    void writeThenReadGivesTheSameModel(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int depth,
                                        @ForAll boolean f64) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder spec = new StringBuilder(Integer.toString(r.nextInt(1, 9)));
        for (int i = 0; i < depth; i++) {
            Activation a = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
            spec.append(',').append(r.nextInt(1, 9)).append(a == Activation.IDENTITY ? "" : ":" + a.specName());
        }
        DType dtype = f64 ? DType.F64 : DType.F32;
        Path file = java.nio.file.Files.createTempFile("densekit-", ".onnx"); // jqwik injects no @TempDir
        try (Sequential m = Sequential.of(spec.toString(), REFERENCE, dtype, seed)) {
            Onnx.write(m, file);
            OnnxModel read = Onnx.load(file);
            assertThat(read.spec()).hasToString(spec.toString());
            assertThat(read.dtype()).isEqualTo(dtype);
            assertThat(read.opset()).isEqualTo(ModelEncoder.OPSET);
            assertThat(read.producer()).startsWith("densekit");
            Map<String, HostTensor> written = m.state().export();
            assertThat(read.weights().keySet()).containsExactlyElementsOf(written.keySet());
            written.forEach((k, v) -> assertThat(read.weights().get(k).toDoubleArray()).as(k)
                    .containsExactly(v.toDoubleArray()));
            HostTensor x = HostTensor.zeros(dtype, 5, m.inputWidth());
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, r.nextDouble(-3, 3));
            }
            try (Sequential back = read.build(REFERENCE)) {
                assertThat(back.predict(x).toDoubleArray()).containsExactly(m.predict(x).toDoubleArray());
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void theGraphIsGemmWithTransB1AndActivationNodesUnderPyTorchsNames() throws IOException {
        Path file = dir.resolve("mlp.onnx");
        try (Sequential m = Sequential.of("6,32:tanh,32:softmax,3", REFERENCE, DType.F32, 1)) {
            Onnx.write(m, file);
        }
        ModelProto proto = ModelProto.decode(java.nio.file.Files.readAllBytes(file));
        assertThat(proto.irVersion()).isEqualTo(ModelEncoder.IR_VERSION);
        assertThat(proto.opsets()).containsExactly(new ModelProto.OpsetId("", 18));
        GraphProto g = proto.graph();
        assertThat(g.nodes()).extracting(NodeProto::name)
                .containsExactly("/0/Gemm", "/1/Tanh", "/2/Gemm", "/3/Softmax", "/4/Gemm");
        assertThat(g.nodes().getFirst().attribute("transB").i()).isEqualTo(1);
        assertThat(g.nodes().get(3).attribute("axis").i()).isEqualTo(-1);
        assertThat(g.initializers()).extracting(TensorProto::name)
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(g.initializers().getFirst().dims()).containsExactly(32, 6);
        assertThat(g.inputs().getFirst().shape()).extracting(Object::toString).containsExactly("batch", "6");
        assertThat(g.outputs().getFirst().name()).isEqualTo("output");
        assertThat(g.outputs().getFirst().shape()).extracting(Object::toString).containsExactly("batch", "3");
    }

    @Test
    void anActivationLayerOfItsOwnIsWrittenAsANodeAndRefusedOnReadWithTheReason() throws IOException {
        Path file = dir.resolve("act.onnx");
        try (Sequential m = new Sequential(REFERENCE, DType.F64, 3, List.of(
                new ActivationLayer(REFERENCE, DType.F64, 3, Activation.TANH),
                new Dense(REFERENCE, DType.F64, 3, 2, Activation.IDENTITY, new SplittableRandom(1))))) {
            Onnx.write(m, file);
        }
        GraphProto g = ModelProto.decode(java.nio.file.Files.readAllBytes(file)).graph();
        assertThat(g.nodes()).extracting(NodeProto::opType).containsExactly("Tanh", "Gemm");
        assertThat(g.initializers()).extracting(TensorProto::name).containsExactly("1.weight", "1.bias");
        assertThatThrownBy(() -> Onnx.load(file)).hasMessageContaining("has no layer before it");
    }
}
