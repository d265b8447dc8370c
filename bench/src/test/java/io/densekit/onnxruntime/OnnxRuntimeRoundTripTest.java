package io.densekit.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ai.onnxruntime.OrtException;
import io.densekit.io.onnx.Onnx;
import io.densekit.io.onnx.OnnxFixture;
import io.densekit.io.onnx.OnnxModel;
import io.densekit.io.onnx.OutputAgreement;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.RandomTensors;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime runs what densekit writes to densekit's outputs (ours -> ORT), and runs PyTorch's
 * fixtures to PyTorch's outputs, which densekit's reader also matches (PyTorch -> ours, in
 * nn-api's OnnxFixturesTest). Tolerances are the parity tests': float64 MAPE <= 1e-12; float32 as
 * accurate as the other float32 implementation against a float64 reference of the same weights.
 * The NaN row of the fixtures is left out here: how ONNX Runtime's Relu treats NaN is its own.
 */
class OnnxRuntimeRoundTripTest {
    private static final String[] SPECS = {"6,32:tanh,32:softmax,32:sigmoid,32:relu,3", "64,16:relu,10:logsoftmax",
        "5,8:sigmoid,4:softmax", "3,7,1:sigmoid", "1,1"};

    @TempDir
    Path dir;

    private static HostTensor inputs(DType dtype, int rows, int cols, long seed) {
        return new RandomTensors(seed).normalish(dtype, rows, cols);
    }

    @TestFactory
    Stream<DynamicTest> onnxRuntimeRunsWhatWeWriteToOurOutputs() {
        Kernel kernel = Kernels.best();
        return Stream.of(DType.F64, DType.F32).flatMap(dtype -> Stream.of(SPECS).map(spec ->
                dynamicTest(spec + " " + dtype + " on " + kernel.name(), () -> {
                    Path file = dir.resolve("m" + Math.abs(spec.hashCode()) + dtype + ".onnx");
                    HostTensor x = inputs(dtype, 37, Integer.parseInt(spec.split(",")[0]), spec.hashCode());
                    HostTensor ours;
                    try (Sequential m = Sequential.of(spec, kernel, dtype, 7)) {
                        Onnx.write(m, file);
                        ours = m.predict(x);
                    }
                    HostTensor ort = OrtRunner.run(Files.readAllBytes(file), x);
                    if (dtype == DType.F64) {
                        report(spec, dtype, "ORT vs ours", OutputAgreement.assertF64(spec, ort, ours));
                    } else {
                        // The same float32 weights in float64 are the reference both are measured against.
                        try (Sequential ref = Onnx.load(file).build(Kernels.byName("reference"), DType.F64)) {
                            HostTensor reference = ref.predict(x.to(DType.F64));
                            report(spec, dtype, "ours vs f64", OutputAgreement.assertF32(spec, ours, ort, reference));
                            report(spec, dtype, "ORT vs f64", OutputAgreement.mape(spec, ort, reference));
                        }
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> onnxRuntimeRunsThePyTorchFixturesToPyTorchsOutputs() {
        return OnnxFixture.CASES.stream().map(name -> dynamicTest(name, () -> {
            OnnxFixture f = OnnxFixture.load(name);
            HostTensor x = withoutRow(f.x(), OnnxFixture.NAN_ROW);
            HostTensor ort = OrtRunner.run(f.model(), x);
            HostTensor torch = withoutRow(f.torchOut(), OnnxFixture.NAN_ROW);
            HostTensor torch64 = withoutRow(f.torchOutF64(), OnnxFixture.NAN_ROW);
            if (f.dtype() == DType.F64) {
                report(name, f.dtype(), "ORT vs PyTorch", OutputAgreement.assertF64(name, ort, torch));
            } else {
                report(name, f.dtype(), "ORT vs PyTorch f64", OutputAgreement.assertF32(name, ort, torch, torch64));
            }
            // And densekit's reading of the same file agrees with ONNX Runtime.
            try (Sequential m = Onnx.parse(f.model(), f.modelName()).build(Kernels.best())) {
                HostTensor ours = m.predict(x);
                if (f.dtype() == DType.F64) {
                    OutputAgreement.assertF64(name + " ours vs ORT", ours, ort);
                } else {
                    OutputAgreement.assertF32(name + " ours vs ORT", ours, ort, torch64);
                }
            }
        }));
    }

    @Test
    void theBatchDimensionIsSymbolic() throws IOException, OrtException {
        Path file = dir.resolve("batch.onnx");
        try (Sequential m = Sequential.of("4,3:relu,2", Kernels.byName("reference"), DType.F32, 3)) {
            Onnx.write(m, file);
            byte[] bytes = Files.readAllBytes(file);
            for (int rows : new int[] {1, 2, 513}) {
                HostTensor x = inputs(DType.F32, rows, 4, rows);
                assertThat(OrtRunner.run(bytes, x).shape()).containsExactly(rows, 2);
            }
        }
        OnnxModel read = Onnx.load(file);
        assertThat(read.spec()).hasToString("4,3:relu,2");
    }

    private static HostTensor withoutRow(HostTensor t, int row) {
        HostTensor out = HostTensor.zeros(t.dtype(), t.rows() - 1, t.cols());
        for (int r = 0, o = 0; r < t.rows(); r++) {
            if (r != row) {
                t.copyRowInto(r, out, o++);
            }
        }
        return out;
    }

    private static void report(String what, DType dtype, String comparison, double mape) {
        System.out.printf("onnxruntime %-44s %s %-18s MAPE %.2e%n", what, dtype, comparison, mape);
    }
}
