package io.densekit.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch to densekit: every ONNX fixture reads to the spec and the exact weights PyTorch held, and
 * the model computes PyTorch's outputs, NaN row included, within the parity tolerances.
 */
class OnnxFixturesTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> readsTheSpecAndTheExactWeights() {
        return OnnxFixture.CASES.stream().map(name -> dynamicTest(name, () -> {
            OnnxFixture f = OnnxFixture.load(name);
            OnnxModel m = Onnx.parse(f.model(), f.modelName());
            assertThat(m.spec()).hasToString(f.spec().toString());
            assertThat(m.dtype()).isEqualTo(f.dtype());
            assertThat(m.opset()).isEqualTo(f.opset());
            List<HostTensor> torchWeights = byKind(f.state(), ".weight");
            List<HostTensor> torchBiases = byKind(f.state(), ".bias");
            List<HostTensor> ours = byKind(m.weights(), ".weight");
            List<HostTensor> ourBiases = byKind(m.weights(), ".bias");
            assertThat(ours).hasSameSizeAs(torchWeights);
            for (int i = 0; i < ours.size(); i++) {
                assertThat(ours.get(i).shape()).containsExactly(torchWeights.get(i).shape());
                assertThat(ours.get(i).toDoubleArray()).as("weight %d", i).containsExactly(torchWeights.get(i).toDoubleArray());
                double[] expectedBias = torchBiases.isEmpty() ? new double[ours.get(i).rows()]
                        : torchBiases.get(i).toDoubleArray();
                assertThat(ourBiases.get(i).toDoubleArray()).as("bias %d", i).containsExactly(expectedBias);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> computesPyTorchsOutputs() {
        Kernel kernel = Kernels.best();
        return OnnxFixture.CASES.stream().map(name -> dynamicTest(name + " on " + kernel.name(), () -> {
            OnnxFixture f = OnnxFixture.load(name);
            try (Sequential model = Onnx.parse(f.model(), f.modelName()).build(kernel)) {
                HostTensor out = model.predict(f.x());
                assertThat(out.dtype()).isEqualTo(f.dtype());
                double mape = f.dtype() == DType.F64
                        ? OutputAgreement.assertF64(name, out, f.torchOut())
                        : OutputAgreement.assertF32(name, out, f.torchOut(), f.torchOutF64());
                System.out.printf("onnx %-38s %s MAPE vs PyTorch%s: %.2e%n", name, f.dtype(),
                        f.dtype() == DType.F32 ? " f64" : "", mape);
                for (int c = 0; c < out.cols(); c++) {
                    assertThat(out.get(OnnxFixture.NAN_ROW, c)).as("the NaN input row, column %d", c).isNaN();
                }
            }
        }));
    }

    @Test
    void readsFromAFileOnTheGivenKernelAndAsAnotherDtype() throws IOException {
        OnnxFixture f = OnnxFixture.load("mlp_f64_gemm_opset17");
        Path file = Files.write(dir.resolve("mlp.onnx"), f.model());
        Kernel reference = Kernels.byName("reference");
        try (Sequential m = Onnx.read(file, reference)) {
            assertThat(m.kernel()).isSameAs(reference);
            OutputAgreement.assertF64("read(file, kernel)", m.predict(f.x()), f.torchOut());
        }
        try (Sequential m = Onnx.read(file); Sequential f32 = Onnx.load(file).build(reference, DType.F32)) {
            assertThat(m.dtype()).isEqualTo(DType.F64);
            assertThat(f32.dtype()).isEqualTo(DType.F32);
            assertThat(OutputAgreement.mape("f64 weights run in f32", f32.predict(f.x()), f.torchOut())).isLessThan(1e-5);
        }
    }

    private static List<HostTensor> byKind(Map<String, HostTensor> state, String suffix) {
        return state.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue).toList();
    }
}
