package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.data.SyntheticRegression;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.io.onnx.OnnxFixture;
import io.densekit.io.onnx.OutputAgreement;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.onnxruntime.OrtRunner;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code densekit export} and {@code densekit predict --weights M.onnx}: round trips and bad input. */
class OnnxCommandsTest {
    private static final String SPEC = "4,8:tanh,2";

    @TempDir
    Path dir;

    private String f(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void writeWeightsAndInputs() throws IOException {
        Dataset d = SyntheticRegression.of(50, 4).withTargets(2).withSeed(5).generate().data();
        Npy.write(dir.resolve("x.npy"), d.x());
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 11)) {
            SafeTensors.write(dir.resolve("w.safetensors"), m.state().export(), Map.of("format", "pt"));
        }
    }

    private static void assertOk(Cli.Result r) {
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
    }

    private static void assertBadInput(Cli.Result r, String expected) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("densekit").contains(expected);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void exportThenPredictFromTheGraphGivesTheSafetensorsOutputsAndOnnxRuntimeAgrees() throws Exception {
        Cli.Result e = Cli.run("export", "--model", SPEC, "--weights", f("w.safetensors"), "--out", f("m.onnx"));
        assertOk(e);
        assertThat(e.out()).contains("wrote " + f("m.onnx") + ": 4,8:tanh,2 in f64 (ONNX opset 18");
        assertOk(Cli.run("predict", "--weights", f("m.onnx"), "--x", f("x.npy"), "--out", f("p_onnx.npy"),
                "--kernel", "reference"));
        assertOk(Cli.run("predict", "--model", SPEC, "--weights", f("w.safetensors"), "--x", f("x.npy"),
                "--out", f("p_st.npy"), "--kernel", "reference"));
        HostTensor fromOnnx = Npy.read(dir.resolve("p_onnx.npy")).toTensor(DType.F64);
        HostTensor fromSafetensors = Npy.read(dir.resolve("p_st.npy")).toTensor(DType.F64);
        assertThat(fromOnnx.toDoubleArray()).containsExactly(fromSafetensors.toDoubleArray());
        HostTensor ort = OrtRunner.run(Files.readAllBytes(dir.resolve("m.onnx")),
                Npy.read(dir.resolve("x.npy")).toTensor(DType.F64));
        OutputAgreement.assertF64("ONNX Runtime on the exported file", ort, fromOnnx);
    }

    @Test
    void exportInAnotherDtypeAndPredictWithAMatchingModel() throws IOException {
        assertOk(Cli.run("export", "--model", SPEC, "--weights", f("w.safetensors"), "--out", f("m32.onnx"),
                "--dtype", "f32"));
        Cli.Result p = Cli.run("predict", "--model", SPEC, "--weights", f("m32.onnx"), "--x", f("x.npy"),
                "--out", f("p.npy"));
        assertOk(p);
        assertThat(p.out()).contains("[50, 2] outputs of 4,8:tanh,2 (f32 on ");
    }

    @Test
    void predictRunsAPyTorchExport() throws IOException {
        OnnxFixture fx = OnnxFixture.load("mlp_f64_gemm_opset17");
        Files.write(dir.resolve("torch.onnx"), fx.model());
        Npy.write(dir.resolve("xt.npy"), fx.x());
        Cli.Result p = Cli.run("predict", "--weights", f("torch.onnx"), "--x", f("xt.npy"), "--out", f("pt.npy"));
        assertOk(p);
        assertThat(p.out()).contains("outputs of 6,32:tanh,32:softmax,32:sigmoid,32:relu,3 (f64 on ");
        HostTensor out = Npy.read(dir.resolve("pt.npy")).toTensor(DType.F64);
        OutputAgreement.assertF64("predict on PyTorch's export", out.rowSlice(0, OnnxFixture.NAN_ROW),
                fx.torchOut().rowSlice(0, OnnxFixture.NAN_ROW));
        // The row with a NaN input flows through to NaN outputs, as in PyTorch.
        HostTensor nanRow = out.rowSlice(OnnxFixture.NAN_ROW, OnnxFixture.NAN_ROW + 1);
        HostTensor torchNanRow = fx.torchOut().rowSlice(OnnxFixture.NAN_ROW, OnnxFixture.NAN_ROW + 1);
        for (int c = 0; c < nanRow.cols(); c++) {
            assertThat(Double.isNaN(nanRow.get(0, c))).as("column " + c).isEqualTo(Double.isNaN(torchNanRow.get(0, c)));
        }
    }

    @Test
    void badOnnxInputIsOneLineAndExitTwo() throws IOException {
        assertOk(Cli.run("export", "--model", SPEC, "--weights", f("w.safetensors"), "--out", f("m.onnx")));
        byte[] valid = Files.readAllBytes(dir.resolve("m.onnx"));
        Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(valid, valid.length / 2));
        Files.write(dir.resolve("garbage.onnx"), "not a model".getBytes(StandardCharsets.US_ASCII));
        Files.write(dir.resolve("op.onnx"), replace(valid, "Tanh", "Tanx"));
        Files.write(dir.resolve("opset.onnx"), replace(valid, new byte[] {0x42, 4, 0x0a, 0, 0x10, 18},
                new byte[] {0x42, 4, 0x0a, 0, 0x10, 11}));
        String[] predict = {"predict", "--x", f("x.npy"), "--out", f("p.npy"), "--weights"};
        assertBadInput(Cli.run(concat(predict, f("truncated.onnx"))), "densekit predict: truncated.onnx: ");
        assertBadInput(Cli.run(concat(predict, f("truncated.onnx"))), "truncated or corrupt file");
        assertBadInput(Cli.run(concat(predict, f("garbage.onnx"))), "garbage.onnx: ");
        assertBadInput(Cli.run(concat(predict, f("op.onnx"))), "op.onnx: node '/1/Tanx' (Tanx, opset 18)");
        assertBadInput(Cli.run(concat(predict, f("opset.onnx"))), "opset.onnx: the model uses opset 11");
        assertBadInput(Cli.run(concat(predict, f("none.onnx"))), "none.onnx: no such file");
        assertBadInput(Cli.run(concat(predict, f("m.onnx"), "--model", "4,8:relu,2")),
                "--model 4,8:relu,2 disagrees with m.onnx, whose graph computes 4,8:tanh,2");
        Npy.write(dir.resolve("x5.npy"), HostTensor.zeros(DType.F64, 3, 5));
        assertBadInput(Cli.run("predict", "--weights", f("m.onnx"), "--x", f("x5.npy"), "--out", f("p.npy")),
                "x5.npy has shape [3, 5], expected [n, 4]");
        assertBadInput(Cli.run("predict", "--weights", f("w.safetensors"), "--x", f("x.npy"), "--out", f("p.npy")),
                "--model SPEC is required with safetensors weights");
        assertThat(dir.resolve("p.npy")).doesNotExist();
    }

    @Test
    void badExportInputIsOneLineAndWritesNothing() {
        assertBadInput(Cli.run("export", "--model", "4,9,2", "--weights", f("w.safetensors"), "--out", f("bad.onnx")),
                "w.safetensors: 0.weight has shape [8, 4], expected [9, 4]");
        assertBadInput(Cli.run("export", "--model", SPEC, "--weights", f("none.safetensors"), "--out", f("bad.onnx")),
                "none.safetensors: no such file");
        assertBadInput(Cli.run("export", "--model", SPEC, "--weights", f("w.safetensors"), "--out",
                f("no/such/dir/m.onnx")), "the folder");
        assertBadInput(Cli.run("export", "--model", SPEC, "--weights", f("w.safetensors"), "--out", f("")),
                "is a directory, expected a file name");
        assertBadInput(Cli.run("export", "--weights", f("w.safetensors"), "--out", f("bad.onnx")),
                "Missing required option: '--model=SPEC'");
        assertThat(dir.resolve("bad.onnx")).doesNotExist();
    }

    private static byte[] replace(byte[] b, String from, String to) {
        return replace(b, from.getBytes(StandardCharsets.US_ASCII), to.getBytes(StandardCharsets.US_ASCII));
    }

    /** Every occurrence of {@code from} replaced by {@code to} (same length); fails if there is none. */
    private static byte[] replace(byte[] b, byte[] from, byte[] to) {
        byte[] out = b.clone();
        int found = 0;
        for (int i = 0; i + from.length <= out.length; i++) {
            if (Arrays.equals(out, i, i + from.length, from, 0, from.length)) {
                System.arraycopy(to, 0, out, i, to.length);
                found++;
            }
        }
        assertThat(found).as("occurrences of the bytes to replace").isPositive();
        return out;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
