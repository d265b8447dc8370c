package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.data.Split;
import io.densekit.data.SyntheticClassification;
import io.densekit.data.SyntheticRegression;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.io.SafeTensorsFile;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainPredictTest {
    private static final String SPEC = "4,8:tanh,2";

    @TempDir
    Path dir;

    private void writeRegression() throws IOException {
        Dataset d = SyntheticRegression.of(120, 4).withTargets(2).withNoise(0.1).withSeed(3).generate().data();
        Split s = Split.ordered(d, 100);
        Npy.write(dir.resolve("x.npy"), s.train().x());
        Npy.write(dir.resolve("y.npy"), s.train().y());
        Npy.write(dir.resolve("xv.npy"), s.valid().x());
        Npy.write(dir.resolve("yv.npy"), s.valid().y());
    }

    private String f(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void trainWritesWeightsAndHistoryThatPredictUses() throws IOException {
        writeRegression();
        Cli.Result r = Cli.run("train", "--model", SPEC, "--loss", "mse", "--x", f("x.npy"), "--y", f("y.npy"),
                "--x-valid", f("xv.npy"), "--y-valid", f("yv.npy"), "--epochs", "6", "--batch", "16", "--lr", "0.001",
                "--kernel", "reference", "--out", f("w.safetensors"), "--history", f("h.json"));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("training 4,8:tanh,2 (58 parameters) on reference in f64: mse, sgd lr 0.001,"
                + " batch 16, 6 epochs");
        assertThat(r.out()).containsPattern("(?m)^\\s+epoch\\s+train loss\\s+valid loss$");
        assertThat(r.out()).containsPattern("(?m)^\\s+6\\s+\\S+\\s+\\S+$");

        History h = History.readJson(dir.resolve("h.json"));
        assertThat(h.trainLoss()).hasSize(6);
        assertThat(h.validLoss()).hasSize(6);
        assertThat(h.trainLoss().getLast()).isLessThan(h.trainLoss().getFirst());

        SafeTensorsFile w = SafeTensors.read(dir.resolve("w.safetensors"));
        assertThat(w.tensors().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(w.tensors().get("0.weight").shape()).containsExactly(8, 4);
        assertThat(w.metadata()).containsEntry("densekit_model", SPEC).containsEntry("densekit_dtype", "f64");

        Cli.Result p = Cli.run("predict", "--model", SPEC, "--weights", f("w.safetensors"), "--x", f("xv.npy"),
                "--out", f("p.npy"), "--kernel", "reference");
        assertThat(p.err()).isEmpty();
        assertThat(p.exitCode()).isZero();
        assertThat(p.out()).contains("[20, 2]");
        HostTensor predicted = Npy.read(dir.resolve("p.npy")).toTensor(DType.F64);

        // The same weights on the same kernel give the same outputs, and the validation loss of the history.
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 99)) {
            m.state().load(w.tensors());
            HostTensor xv = Npy.read(dir.resolve("xv.npy")).toTensor(DType.F64);
            assertThat(predicted.toDoubleArray()).containsExactly(m.predict(xv).toDoubleArray());
            HostTensor yv = Npy.read(dir.resolve("yv.npy")).toTensor(DType.F64);
            assertThat(m.evaluate(xv, yv, io.densekit.kernel.LossKind.MSE)).isEqualTo(h.validLoss().getLast());
        }
        // The file carries its spec and dtype, so the library rebuilds the model from it alone.
        try (Sequential m = Sequential.load(dir.resolve("w.safetensors"), Kernels.byName("reference"))) {
            HostTensor xv = Npy.read(dir.resolve("xv.npy")).toTensor(DType.F64);
            assertThat(predicted.toDoubleArray()).containsExactly(m.predict(xv).toDoubleArray());
        }
    }

    @Test
    void initWeightsReplaceTheSeededInitialisation() throws IOException {
        writeRegression();
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 5)) {
            SafeTensors.write(dir.resolve("init.safetensors"), m.state().export(), java.util.Map.of());
        }
        String[] common = {"train", "--model", SPEC, "--loss", "mse", "--x", f("x.npy"), "--y", f("y.npy"),
                "--epochs", "2", "--lr", "0.001"};
        Cli.run(concat(common, "--seed", "5", "--out", f("seeded.safetensors")));
        Cli.Result r = Cli.run(concat(common, "--seed", "6", "--init", f("init.safetensors"), "--out", f("init-trained.safetensors")));
        assertThat(r.exitCode()).isZero();
        var a = SafeTensors.read(dir.resolve("seeded.safetensors")).tensors();
        var b = SafeTensors.read(dir.resolve("init-trained.safetensors")).tensors();
        for (String k : a.keySet()) {
            assertThat(b.get(k).toDoubleArray()).as(k).containsExactly(a.get(k).toDoubleArray());
        }
    }

    @Test
    void classifiesFromIntegerClassIndicesAndReportsAccuracy() throws IOException {
        Dataset d = SyntheticClassification.of(300, 5, 3).withInformative(4).withClassSep(3).withSeed(4).generate();
        Split s = Split.ordered(d, 240);
        Npy.write(dir.resolve("x.npy"), s.train().x());
        Npy.writeLongs(dir.resolve("y.npy"), longs(s.train().y()), s.train().size());
        Npy.write(dir.resolve("xv.npy"), s.valid().x());
        Npy.writeLongs(dir.resolve("yv.npy"), longs(s.valid().y()), s.valid().size());
        Cli.Result r = Cli.run("train", "--model", "5,16:relu,3", "--loss", "cross_entropy", "--x", f("x.npy"),
                "--y", f("y.npy"), "--x-valid", f("xv.npy"), "--y-valid", f("yv.npy"), "--epochs", "30",
                "--optimizer", "adam", "--shuffle", "--seed", "1", "--dtype", "f32", "--kernel", "reference");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).containsPattern("(?m)^\\s+epoch\\s+train loss\\s+valid loss\\s+train acc\\s+valid acc$");
        String last = r.out().lines().filter(l -> l.matches("\\s+30\\s.*")).findFirst().orElseThrow();
        double validAcc = Double.parseDouble(last.trim().split("\\s+")[4].replace("%", ""));
        assertThat(validAcc).isGreaterThan(80);
    }

    private static long[] longs(HostTensor labels) {
        return Arrays.stream(labels.toDoubleArray()).mapToLong(v -> (long) v).toArray();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void oneDimensionalInputsServeAOneFeatureModel() throws IOException {
        Dataset d = SyntheticRegression.of(50, 1).withSeed(2).generate().data();
        Npy.write(dir.resolve("x.npy"), d.x().reshape(50));
        Npy.write(dir.resolve("y.npy"), d.y().reshape(50));
        Cli.Result r = Cli.run("train", "--model", "1,1", "--loss", "mse", "--x", f("x.npy"), "--y", f("y.npy"),
                "--epochs", "2");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("data: 50 training samples (x.npy)");
    }
}
