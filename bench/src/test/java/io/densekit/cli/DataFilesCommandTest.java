package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.io.Csv;
import io.densekit.io.CsvDelimiter;
import io.densekit.io.Idx;
import io.densekit.io.LabeledCsv;
import io.densekit.io.NdArray;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.io.SafeTensorsFile;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and predict on CSV (label column, class names, delimiters), .npy, IDX and their gzip. */
class DataFilesCommandTest {
    static final String SPEC = "4,16:relu,3";
    static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

    @TempDir
    Path dir;

    String iris;

    @BeforeEach
    void copyIris() throws IOException, URISyntaxException {
        iris = Files.readString(Path.of(DataFilesCommandTest.class.getResource("/data/iris.csv").toURI()));
        Files.writeString(dir.resolve("iris.csv"), iris);
    }

    String f(String name) {
        return dir.resolve(name).toString();
    }

    static Cli.Result ok(Cli.Result r) {
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        return r;
    }

    private static String[] train(String... data) {
        String[] common = {"train", "--model", SPEC, "--loss", "cross_entropy", "--epochs", "3", "--seed", "2",
            "--kernel", "reference"};
        String[] out = Arrays.copyOf(common, common.length + data.length);
        System.arraycopy(data, 0, out, common.length, data.length);
        return out;
    }

    private Map<String, HostTensor> weights(String name) throws IOException {
        return SafeTensors.read(dir.resolve(name)).tensors();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(data);
        }
        return b.toByteArray();
    }

    @Test
    void trainsOnALabelColumnOfClassNamesAndEvaluateReportsTheModelsOwnLossAndAccuracy() throws IOException {
        Cli.Result r = ok(Cli.run("train", "--model", SPEC, "--loss", "cross_entropy", "--x", f("iris.csv"),
                "--label", "species", "--epochs", "30", "--optimizer", "adam", "--shuffle", "--seed", "1",
                "--kernel", "reference", "--out", f("w.safetensors")));
        assertThat(r.out()).contains("data: 150 training samples (iris.csv)")
                .contains("classes of iris.csv column 'species' (sorted): setosa=0, versicolor=1, virginica=2");
        assertThat(r.out().lines().filter(l -> l.startsWith("classes")).count()).isEqualTo(1);
        String last = r.out().lines().filter(l -> l.matches("\\s+30\\s.*")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(last.trim().split("\\s+")[2].replace("%", ""))).isGreaterThan(80);
        SafeTensorsFile w = SafeTensors.read(dir.resolve("w.safetensors"));
        assertThat(w.metadata()).containsEntry(ClassNames.KEY, "[\"setosa\",\"versicolor\",\"virginica\"]");

        Cli.Result e = ok(Cli.run("evaluate", "--model", SPEC, "--weights", f("w.safetensors"), "--loss",
                "cross_entropy", "--x", f("iris.csv"), "--label", "species", "--kernel", "reference"));
        LabeledCsv data = Csv.readLabeled(dir.resolve("iris.csv"), DType.F64, CsvDelimiter.AUTO, "species");
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 0)) {
            m.state().load(w.tensors());
            double loss = m.evaluate(data.features(), data.labels(), LossKind.CROSS_ENTROPY);
            double accuracy = m.accuracy(data.features(), data.labels());
            assertThat(accuracy).isGreaterThan(0.8);
            assertThat(e.out()).isEqualTo(String.format(Locale.ROOT, """
                    evaluated 4,16:relu,3 (f64 on reference) on 150 samples of iris.csv
                    classes of iris.csv column 'species' (as trained, from w.safetensors): setosa=0, versicolor=1, virginica=2
                    loss (cross_entropy): %.6g
                    accuracy: %.2f%%
                    """, loss, 100 * accuracy));
        }
    }

    @Test
    void theSameDataInEveryFormatTrainsTheSameWeights() throws IOException {
        ok(Cli.run(train("--x", f("iris.csv"), "--label", "species", "--out", f("csv.safetensors"))));
        LabeledCsv t = Csv.readLabeled(dir.resolve("iris.csv"), DType.F64, CsvDelimiter.AUTO, "species");
        long[] labels = Arrays.stream(t.labels().toDoubleArray()).mapToLong(v -> (long) v).toArray();

        Files.write(dir.resolve("semicolon.gz"), gzip(iris.replace(',', ';').getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("tabs.tsv"), iris.replace(',', '\t'));
        Npy.write(dir.resolve("x.npy"), t.features());
        Npy.writeLongs(dir.resolve("y.npy"), labels, labels.length);
        Files.write(dir.resolve("x.npy.gz"), gzip(Files.readAllBytes(dir.resolve("x.npy"))));
        Idx.write(dir.resolve("x.idx.gz"), t.features());
        Idx.write(dir.resolve("images.idx"), NdArray.of(t.features()).reshape(labels.length, 2, 2));
        byte[] codes = new byte[labels.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) labels[i];
        }
        Idx.write(dir.resolve("labels-idx1-ubyte"), NdArray.ofUnsignedBytes(codes, codes.length));
        Csv.write(dir.resolve("x.csv"), t.features());
        Files.writeString(dir.resolve("y.csv"), "species\n" + String.join("\n",
                Arrays.stream(labels).mapToObj(l -> SPECIES.get((int) l)).toList()) + "\n");

        List<String[]> variants = List.of(
                new String[] {"--x", f("semicolon.gz"), "--label", "species"},
                new String[] {"--x", f("tabs.tsv"), "--label", "4", "--delimiter", "tab"},
                new String[] {"--x", f("x.npy"), "--y", f("y.npy")},
                new String[] {"--x", f("x.npy.gz"), "--y", f("y.csv")},
                new String[] {"--x", f("x.idx.gz"), "--y", f("labels-idx1-ubyte")},
                new String[] {"--x", f("images.idx"), "--y", f("labels-idx1-ubyte")},
                new String[] {"--x", f("x.csv"), "--y", f("y.npy")});
        Map<String, HostTensor> expected = weights("csv.safetensors");
        for (String[] v : variants) {
            String[] args = Arrays.copyOf(v, v.length + 2);
            args[v.length] = "--out";
            args[v.length + 1] = f("v.safetensors");
            ok(Cli.run(train(args)));
            Map<String, HostTensor> got = weights("v.safetensors");
            for (String k : expected.keySet()) {
                assertThat(got.get(k).toDoubleArray()).as(String.join(" ", v) + ": " + k)
                        .containsExactly(expected.get(k).toDoubleArray());
            }
        }
    }

    @Test
    void validationAndEvaluationUseTheTrainingClassesEvenWhenTheirFileLacksSome() throws IOException {
        String virginicaOnly = iris.lines().filter(l -> l.startsWith("sepal") || l.endsWith("virginica"))
                .reduce("", (a, b) -> a + b + "\n");
        Files.writeString(dir.resolve("virginica.csv"), virginicaOnly);
        Cli.Result r = ok(Cli.run(train("--x", f("iris.csv"), "--label", "species", "--x-valid", f("virginica.csv"),
                "--out", f("w.safetensors"))));
        assertThat(r.out()).contains("50 validation samples (virginica.csv)");
        Cli.Result e = ok(Cli.run("evaluate", "--model", SPEC, "--weights", f("w.safetensors"), "--loss",
                "cross_entropy", "--x", f("virginica.csv"), "--label", "species", "--kernel", "reference"));
        assertThat(e.out()).contains("setosa=0, versicolor=1, virginica=2");
        HostTensor x = Csv.readLabeled(dir.resolve("virginica.csv"), DType.F64, CsvDelimiter.AUTO, "species").features();
        HostTensor twos = HostTensor.zeros(DType.F64, 50);
        for (int i = 0; i < 50; i++) {
            twos.setFlat(i, 2);
        }
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 0)) {
            m.state().load(weights("w.safetensors"));
            assertThat(e.out()).contains(String.format(Locale.ROOT, "loss (cross_entropy): %.6g%n",
                    m.evaluate(x, twos, LossKind.CROSS_ENTROPY)));
        }
    }

    @Test
    void weightsWithoutClassNamesMapTheFilesNamesInSortedOrder() throws IOException {
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 4)) {
            SafeTensors.write(dir.resolve("plain.safetensors"), m.state().export(), Map.of());
        }
        Cli.Result e = ok(Cli.run("evaluate", "--model", SPEC, "--weights", f("plain.safetensors"), "--loss", "nll",
                "--x", f("iris.csv"), "--label", "species"));
        assertThat(e.out()).contains("classes of iris.csv column 'species' (sorted): setosa=0, versicolor=1, virginica=2")
                .contains("loss (nll): ").contains("accuracy: ");
    }

    @Test
    void numericLabelsTrainARegressionWithoutClassesOrAccuracy() throws IOException {
        StringBuilder csv = new StringBuilder("a;b;y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i * 0.1).append(';').append(1 - i * 0.05).append(';').append(0.3 * i - 2).append('\n');
        }
        Files.writeString(dir.resolve("reg.csv"), csv);
        Cli.Result r = ok(Cli.run("train", "--model", "2,1", "--loss", "mse", "--x", f("reg.csv"), "--label", "y",
                "--epochs", "2", "--lr", "0.001", "--out", f("r.safetensors")));
        assertThat(r.out()).doesNotContain("classes");
        assertThat(SafeTensors.read(dir.resolve("r.safetensors")).metadata()).doesNotContainKey(ClassNames.KEY);
        Cli.Result e = ok(Cli.run("evaluate", "--model", "2,1", "--weights", f("r.safetensors"), "--loss", "mse",
                "--x", f("reg.csv"), "--label", "2"));
        assertThat(e.out()).contains("loss (mse): ").doesNotContain("accuracy").doesNotContain("classes");
    }

    @Test
    void predictLeavesTheLabelColumnOut() throws IOException {
        try (Sequential m = Sequential.of(SPEC, Kernels.byName("reference"), DType.F64, 4)) {
            SafeTensors.write(dir.resolve("w.safetensors"), m.state().export(), Map.of());
        }
        Npy.write(dir.resolve("x.npy"),
                Csv.readLabeled(dir.resolve("iris.csv"), DType.F64, CsvDelimiter.AUTO, "species").features());
        ok(Cli.run("predict", "--model", SPEC, "--weights", f("w.safetensors"), "--x", f("iris.csv"), "--label",
                "species", "--out", f("p_csv.npy"), "--kernel", "reference"));
        ok(Cli.run("predict", "--model", SPEC, "--weights", f("w.safetensors"), "--x", f("x.npy"),
                "--out", f("p_npy.npy"), "--kernel", "reference"));
        assertThat(Npy.read(dir.resolve("p_csv.npy"))).isEqualTo(Npy.read(dir.resolve("p_npy.npy")));
    }
}
