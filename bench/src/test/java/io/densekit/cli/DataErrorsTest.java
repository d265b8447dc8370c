package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.io.Idx;
import io.densekit.io.Npy;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad data files end with exit code 2, one line naming the file and the place in it, and nothing written. */
class DataErrorsTest {
    @TempDir
    static Path dir;

    private static Path file(String name) {
        return dir.resolve(name);
    }

    private static String f(String name) {
        return file(name).toString();
    }

    @BeforeAll
    static void writeFiles() throws IOException, URISyntaxException {
        String iris = Files.readString(Path.of(DataErrorsTest.class.getResource("/data/iris.csv").toURI()));
        List<String> lines = new ArrayList<>(iris.lines().toList());
        Files.writeString(file("iris.csv"), iris);
        List<String> bad = new ArrayList<>(lines);
        bad.set(16, bad.get(16).replaceFirst("^([^,]*,[^,]*,)[^,]*", "$1abc"));
        Files.write(file("bad.csv"), bad);
        List<String> ragged = new ArrayList<>(lines);
        ragged.set(9, "5.0,3.6,setosa");
        Files.write(file("ragged.csv"), ragged);
        Files.writeString(file("empty.csv"), "");
        Files.writeString(file("header.csv"), lines.getFirst() + "\n");
        byte[] gz = DataFilesCommandTest.gzip(iris.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(file("truncated.csv.gz"), Arrays.copyOf(gz, gz.length / 2));
        Files.writeString(file("valid.csv"), lines.getFirst() + "\n5.0,3.6,1.4,0.2,rosa\n");
        Files.write(file("model.zip"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0});
        HostTensor x = HostTensor.zeros(DType.F64, 150, 4);
        Npy.write(file("x.npy"), x);
        Idx.write(file("x.idx"), x);
        byte[] idx = Files.readAllBytes(file("x.idx"));
        Files.write(file("short.idx"), Arrays.copyOf(idx, idx.length - 16));
        try (Sequential m = Sequential.of(DataFilesCommandTest.SPEC, Kernels.byName("reference"), DType.F64, 0)) {
            io.densekit.io.SafeTensors.write(file("w.safetensors"), m.state().export(),
                    ClassNames.withClasses(Map.of(), DataFilesCommandTest.SPECIES));
        }
    }

    /** A train command line on iris.csv --label species; {@code extra} replaces or adds options. */
    private static String[] train(String... extra) {
        return Cli.withDefaults("train", List.of("--model", DataFilesCommandTest.SPEC, "--loss", "cross_entropy",
                "--x", f("iris.csv"), "--label", "species", "--epochs", "1", "--out", f("never.safetensors")), extra);
    }

    private static String[] evaluate(String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--model", DataFilesCommandTest.SPEC, "--weights",
                f("w.safetensors"), "--loss", "cross_entropy"));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of("a bad cell", train("--x", f("bad.csv")),
                        "densekit train: bad.csv: line 17, column 3 (petal_length): 'abc' is not a number"),
                Arguments.of("a ragged row", train("--x", f("ragged.csv")),
                        "densekit train: ragged.csv: line 10 has 3 values, expected 5 (as many as the header has)"),
                Arguments.of("an empty file", train("--x", f("empty.csv")), "densekit train: empty.csv: no data"),
                Arguments.of("a header only", train("--x", f("header.csv")),
                        "densekit train: header.csv holds no samples (a header line only?)"),
                Arguments.of("a label column that does not exist", train("--label", "Species"),
                        "densekit train: iris.csv: no column is named 'Species'; the columns are sepal_length,"
                                + " sepal_width, petal_length, petal_width, species (or give a 0-based index, 0 to 4)"),
                Arguments.of("a label index out of range", train("--label", "5"),
                        "iris.csv: there is no column 5 (0-based); the file has 5 columns, 0 to 4"),
                Arguments.of("a truncated gzip", train("--x", f("truncated.csv.gz")),
                        "densekit train: truncated.csv.gz: corrupt or truncated gzip data"),
                Arguments.of("IDX of the wrong size", train("--x", f("short.idx"), "--label", null, "--y", f("x.npy")),
                        "densekit train: short.idx: truncated: shape [150, 4] of float64 needs 4800 bytes,"
                                + " but the file has only 4784"),
                Arguments.of("binary of no known format", train("--x", f("model.zip")),
                        "densekit train: model.zip: not a data file densekit reads"),
                Arguments.of("--label on a .npy file", train("--x", f("x.npy")),
                        "densekit train: x.npy is an .npy file, but --label species picks a column of a CSV file;"
                                + " give the targets of .npy inputs in a file of their own (--y, --y-valid)"),
                Arguments.of("--y and --label", train("--y", f("x.npy")),
                        "--y and --label both give the targets; give one of them"),
                Arguments.of("no targets", train("--label", null), "give the targets with --y FILE or --label COLUMN"),
                Arguments.of("--y-valid with --label", train("--x-valid", f("iris.csv"), "--y-valid", f("x.npy")),
                        "--y-valid and --label both give the validation targets"),
                Arguments.of("more classes than outputs", train("--model", "4,8,2"),
                        "densekit train: iris.csv column 'species' holds 3 classes (setosa, versicolor, virginica)"
                                + " but the model has 2 outputs; expected one output per class"),
                Arguments.of("features besides the label vs the model", train("--model", "5,8,3"),
                        "iris.csv has shape [150, 4] (the columns besides column 'species'), expected [n, 5]"),
                Arguments.of("a validation class the training lacks", train("--x-valid", f("valid.csv")),
                        "densekit train: valid.csv: line 2, column 5 (species): class 'rosa' is not one of the 3"
                                + " classes of the training labels (setosa, versicolor, virginica)"),
                Arguments.of("a delimiter of two characters", train("--delimiter", ";;"),
                        "delimiter ';;' is not one character"),
                Arguments.of("a delimiter that cannot separate numbers", train("--delimiter", "."),
                        "the delimiter '.' cannot separate numbers"),
                Arguments.of("the wrong delimiter", train("--delimiter", ";"),
                        "iris.csv: no column is named 'species'; the columns are sepal_length,sepal_width,"),
                Arguments.of("evaluate: a bad cell", evaluate("--x", f("bad.csv"), "--label", "species"),
                        "densekit evaluate: bad.csv: line 17, column 3 (petal_length): 'abc' is not a number"),
                Arguments.of("evaluate: no targets", evaluate("--x", f("iris.csv")),
                        "densekit evaluate: give the targets with --y FILE or --label COLUMN"),
                Arguments.of("evaluate: a class the model was not trained on", evaluate("--x", f("valid.csv"),
                        "--label", "species"), "densekit evaluate: valid.csv: line 2, column 5 (species): class"
                        + " 'rosa' is not one of"),
                Arguments.of("predict: a missing label column", new String[] {"predict", "--model",
                    DataFilesCommandTest.SPEC, "--weights", f("w.safetensors"), "--x", f("iris.csv"), "--label",
                    "kind", "--out", f("never.npy")}, "densekit predict: iris.csv: no column is named 'kind'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badData")
    void badDataExitsWithTwoAndOneLineNamingThePlace(String what, String[] args, String expected) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("densekit").contains(expected);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(file("never.safetensors")).doesNotExist();
        assertThat(file("never.npy")).doesNotExist();
    }
}
