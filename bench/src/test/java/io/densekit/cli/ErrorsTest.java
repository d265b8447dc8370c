package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.data.SyntheticRegression;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input ends with exit code 2 and one line on stderr that names the problem. */
class ErrorsTest {
    @TempDir
    static Path dir;

    /** 100 samples, 4 features, 2 targets; variants with one thing wrong each. */
    @BeforeAll
    static void writeFiles() throws IOException {
        Dataset d = SyntheticRegression.of(100, 4).withTargets(2).withSeed(1).generate().data();
        Npy.write(file("x.npy"), d.x());
        Npy.write(file("y.npy"), d.y());
        Npy.write(file("y99.npy"), d.y().rowSlice(0, 99).copy());
        HostTensor xNan = d.x().copy();
        xNan.set(5, 1, Double.NaN);
        Npy.write(file("xnan.npy"), xNan);
        HostTensor yInf = d.y().copy();
        yInf.set(7, 0, Double.POSITIVE_INFINITY);
        Npy.write(file("yinf.npy"), yInf);
        long[] labels = new long[100];
        labels[42] = 3;
        Npy.writeLongs(file("labels.npy"), labels, 100);
        HostTensor halves = HostTensor.zeros(DType.F64, 100);
        halves.setFlat(3, 0.5);
        Npy.write(file("halves.npy"), halves);
        HostTensor probs = HostTensor.zeros(DType.F64, 100, 2);
        probs.set(9, 1, 1.5);
        Npy.write(file("probs.npy"), probs);
        byte[] x = Files.readAllBytes(file("x.npy"));
        Files.write(file("truncated.npy"), Arrays.copyOf(x, x.length - 8));
        Files.write(file("garbage.npy"), "this is not an npy file at all".getBytes());
        try (Sequential m = Sequential.of("4,8:tanh,2", Kernels.byName("reference"), DType.F64, 0)) {
            SafeTensors.write(file("w.safetensors"), m.state().export(), Map.of());
        }
        byte[] w = Files.readAllBytes(file("w.safetensors"));
        Files.write(file("wtrunc.safetensors"), Arrays.copyOf(w, w.length - 20));
    }

    private static Path file(String name) {
        return dir.resolve(name);
    }

    private static String f(String name) {
        return file(name).toString();
    }

    /** A train command line: model 4,8:tanh,2, mse, x.npy, y.npy, 1 epoch; {@code extra} replaces or adds options. */
    private static String[] train(String... extra) {
        return Cli.withDefaults("train", List.of("--model", "4,8:tanh,2", "--loss", "mse", "--x", f("x.npy"),
                "--y", f("y.npy"), "--epochs", "1"), extra);
    }

    private static String[] predict(String... extra) {
        List<String> args = new ArrayList<>(List.of("predict", "--x", f("x.npy"), "--out", f("p.npy")));
        args.addAll(Arrays.asList(extra));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("unknown activation", train("--model", "4,8:swish,2"),
                        "unknown activation 'swish'; expected one of linear, relu"),
                Arguments.of("spec input width vs data", train("--model", "5,8,2"),
                        "x.npy has shape [100, 4], expected [n, 5]"),
                Arguments.of("spec output width vs targets", train("--model", "4,8,3"),
                        "y.npy has shape [100, 2], expected [n, 3]"),
                Arguments.of("spec vs weights", predict("--model", "4,9,2", "--weights", f("w.safetensors")),
                        "w.safetensors: 0.weight has shape [8, 4], expected [9, 4]"),
                Arguments.of("spec vs initial weights", train("--model", "4,8,8,2", "--init", f("w.safetensors")),
                        "w.safetensors: the weights hold 2 layers"),
                Arguments.of("x and y lengths", train("--y", f("y99.npy")),
                        "x.npy has 100 samples but y99.npy has 99"),
                Arguments.of("malformed file", train("--x", f("garbage.npy")), "garbage.npy: "),
                Arguments.of("truncated file", train("--x", f("truncated.npy")), "truncated.npy: truncated"),
                Arguments.of("truncated weights", predict("--model", "4,8:tanh,2", "--weights", f("wtrunc.safetensors")),
                        "wtrunc.safetensors: "),
                Arguments.of("missing file", train("--x", f("missing.npy")), "missing.npy: no such file"),
                Arguments.of("missing weights", predict("--model", "4,8,2", "--weights", f("none.safetensors")),
                        "none.safetensors: no such file"),
                Arguments.of("label out of range", train("--model", "4,8,3", "--loss", "cross_entropy",
                        "--y", f("labels.npy")), "labels.npy: label 3 at row 42 (0-based) is out of range"),
                Arguments.of("label not a whole number", train("--model", "4,8,3", "--loss", "nll",
                        "--y", f("halves.npy")), "halves.npy: element [3] of the float64 array is 0.5; expected whole numbers"),
                Arguments.of("bce target out of range", train("--loss", "bce", "--y", f("probs.npy")),
                        "probs.npy: row 9, column 1 (0-based) is 1.5; bce targets must be probabilities in [0, 1]"),
                Arguments.of("NaN in inputs", train("--x", f("xnan.npy")),
                        "xnan.npy: row 5, column 1 (0-based) is NaN"),
                Arguments.of("infinity in validation targets", train("--x-valid", f("x.npy"), "--y-valid", f("yinf.npy")),
                        "yinf.npy: row 7, column 0 (0-based) is Infinity"),
                Arguments.of("zero batch", train("--batch", "0"), "--batch must be positive, got 0"),
                Arguments.of("negative epochs", train("--epochs", "-3"), "--epochs must be positive, got -3"),
                Arguments.of("zero learning rate", train("--lr", "0"), "--lr must be positive and finite, got 0.0"),
                Arguments.of("negative learning rate", train("--lr", "-0.1"), "--lr must be positive and finite"),
                Arguments.of("unknown kernel", train("--kernel", "nope"), "unknown kernel 'nope'; known kernels: "),
                Arguments.of("unavailable kernel", train("--kernel", UnavailableTestKernel.NAME),
                        "kernel 'unavailable-test' is unavailable: test kernel: no such device"),
                Arguments.of("unknown loss", train("--loss", "hinge"), "unknown loss 'hinge'"),
                Arguments.of("unknown optimizer", train("--optimizer", "rmsprop"), "unknown optimizer 'rmsprop'"),
                Arguments.of("unknown dtype", train("--dtype", "f16"), "unknown dtype 'f16'"),
                Arguments.of("validation half given", train("--x-valid", f("x.npy")),
                        "--x-valid and --y-valid go together"),
                Arguments.of("missing required option", new String[] {"train", "--model", "4,2"},
                        "Missing required options"),
                Arguments.of("output folder missing", train("--out", f("no/such/dir/w.safetensors")),
                        "the folder"),
                Arguments.of("demo on an unknown kernel", new String[] {"demo", "--kernels", "nope"},
                        "densekit demo: unknown kernel 'nope'"),
                Arguments.of("unknown command", new String[] {"fly"}, "Unmatched argument"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputExitsWithTwoAndOneLineNamingTheProblem(String what, String[] args, String expected) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().getFirst()).startsWith("densekit").contains(expected);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result r = Cli.run(train("--kernel", "nope", "--verbose"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines().getFirst()).isEqualTo("densekit train: unknown kernel 'nope'; known kernels: "
                + String.join(", ", Kernels.names()));
        assertThat(r.err()).contains("KernelUnavailableException").contains("\tat ");
    }

    @Test
    void nothingIsWrittenWhenTheInputIsBad() {
        Cli.Result r = Cli.run(train("--x", f("xnan.npy"), "--out", f("never.safetensors")));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(file("never.safetensors")).doesNotExist();
    }
}
