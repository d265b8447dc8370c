package io.densekit.cli;

import io.densekit.bench.report.TerminalBar;
import io.densekit.data.Dataset;
import io.densekit.kernel.LossKind;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densekit train}: fits a model to data files (.npy, IDX, CSV) and writes its weights and loss history. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a dense network on .npy, IDX or CSV data with minibatch SGD or Adam.",
                "Minibatches are rows [i, i+batch) in order (the last partial batch kept) unless --shuffle."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "SPEC",
            description = "Input width, then each layer's width with an optional :activation "
                    + "(linear, relu, sigmoid, tanh, softmax, logsoftmax), e.g. 6,32:tanh,3.")
    ModelSpec model;

    @Option(names = "--loss", required = true, paramLabel = "LOSS", description = "mse, cross_entropy, nll or bce.")
    LossKind loss;

    @Option(names = "--x", required = true, paramLabel = "X",
            description = "Training inputs [n, inputs]: .npy, IDX or CSV, or the gzip of one (told apart by content).")
    Path x;

    @Option(names = "--y", paramLabel = "Y",
            description = "Training targets [n, outputs]; for cross_entropy and nll also class indices [n] (a one-column"
                    + " CSV file may hold class names). Not with --label.")
    Path y;

    @Option(names = "--x-valid", paramLabel = "X", description = "Validation inputs (with --label, its targets too).")
    Path xValid;

    @Option(names = "--y-valid", paramLabel = "Y", description = "Validation targets.")
    Path yValid;

    @Mixin
    DataOptions data;

    @Option(names = "--init", paramLabel = "W.safetensors",
            description = "Initial weights (PyTorch state_dict names) instead of a seeded initialisation.")
    Path init;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", paramLabel = "F", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch", defaultValue = "32", paramLabel = "N", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--momentum", defaultValue = "0", paramLabel = "F", description = "SGD momentum (default 0).")
    double momentum;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "F",
            description = "L2 weight decay, applied to biases too as in PyTorch (default 0).")
    double weightDecay;

    @Option(names = "--optimizer", defaultValue = "sgd", paramLabel = "NAME", description = "sgd or adam (default sgd).")
    OptimizerName optimizer;

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default f64 where the kernel has it).")
    DType dtype;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Kernel to run on (default: see 'densekit kernels').")
    String kernel;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the initial weights and of --shuffle (default 0).")
    long seed;

    @Option(names = "--shuffle", description = "Shuffle the training rows every epoch (seeded).")
    boolean shuffle;

    @Option(names = "--out", paramLabel = "W.safetensors", description = "Write the trained weights here.")
    Path out;

    @Option(names = "--history", paramLabel = "H.json",
            description = "Write {\"train_loss\": [...], \"valid_loss\": [...]} per epoch here.")
    Path history;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        KernelChoice on = KernelChoice.of(kernel, dtype, DType.F64);
        DType dt = on.dtype();
        Samples train = Samples.load(data, x, y, model, loss, dt, List.of());
        Samples valid = xValid == null ? null : Samples.load(data, xValid, yValid, model, loss, dt, train.classes());
        HostTensor xs = train.x();
        HostTensor ys = train.y();
        HostTensor xv = valid == null ? null : valid.x();
        HostTensor yv = valid == null ? null : valid.y();
        PrintWriter w = spec.commandLine().getOut();
        try (Sequential m = Sequential.of(model, on.kernel(), dt, seed)) {
            if (init != null) {
                DataFiles.loadWeights(init, m);
            }
            w.printf("training %s (%s parameters) on %s in %s: %s, %s lr %s, batch %d, %d epochs%n", model,
                    Table.count(parameterCount(m)), on.kernel().name(), dt, loss.cliName(),
                    optimizer, lr, batch, epochs);
            w.printf("data: %s training samples (%s)%s%n", Table.count(xs.rows()), DataFiles.name(x),
                    xv == null ? "" : ", " + Table.count(xv.rows()) + " validation samples (" + DataFiles.name(xValid) + ")");
            if (!train.classes().isEmpty()) {
                w.printf("classes of %s (sorted): %s%n", train.source(), ClassNames.mapping(train.classes()));
            }
            long start = System.nanoTime();
            History h = new Trainer(m).fit(new Dataset(xs, ys), xv == null ? null : new Dataset(xv, yv),
                    fitOptions(m, xs, ys, xv, yv, w));
            w.printf(java.util.Locale.ROOT, "trained in %.2f s%n", (System.nanoTime() - start) / 1e9);
            if (out != null) {
                m.save(out, ClassNames.withClasses(Map.of(), train.classes()));
                w.println("wrote " + out);
            }
            if (history != null) {
                h.writeJson(history);
                w.println("wrote " + history);
            }
        }
        w.flush();
        return 0;
    }

    private FitOptions fitOptions(Sequential m, HostTensor xs, HostTensor ys, HostTensor xv, HostTensor yv,
                                  PrintWriter w) {
        boolean classify = Accuracy.applies(loss);
        IntToDoubleFunction trainAcc = classify ? e -> Accuracy.of(m, loss, xs, ys) : null;
        IntToDoubleFunction validAcc = classify && xv != null ? e -> Accuracy.of(m, loss, xv, yv) : null;
        return FitOptions.builder(loss).epochs(epochs).batch(batch).optimizer(optimizer.spec(lr, momentum, weightDecay))
                .shuffle(shuffle, seed)
                .listener(new EpochTable(w, xv != null, trainAcc, validAcc, TerminalBar.isTerminal())).build();
    }

    /** Option checks that need no file, so mistakes surface before any data is read. */
    private void checkOptions() {
        require(epochs > 0, "--epochs must be positive, got " + epochs);
        require(batch > 0, "--batch must be positive, got " + batch);
        require(lr > 0 && Double.isFinite(lr), "--lr must be positive and finite, got " + lr);
        require(momentum >= 0 && Double.isFinite(momentum), "--momentum must be >= 0, got " + momentum);
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0, got " + weightDecay);
        require(momentum == 0 || optimizer == OptimizerName.SGD, "--momentum applies to --optimizer sgd only");
        require((y == null) != (data.label == null), y == null ? "give the targets with --y FILE or --label COLUMN"
                : "--y and --label both give the targets; give one of them");
        require(data.label != null || (xValid == null) == (yValid == null),
                "--x-valid and --y-valid go together; give both or neither");
        require(data.label == null || yValid == null, "--y-valid and --label both give the validation targets;"
                + " with --label they come from the --x-valid file");
        requireWritable(out, "--out");
        requireWritable(history, "--history");
    }

    private void requireWritable(Path file, String option) {
        if (file != null) {
            OutputFiles.requireWritable(spec, file, option);
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    static long parameterCount(Sequential m) {
        return m.parameters().stream().mapToLong(p -> p.value().size()).sum();
    }
}
