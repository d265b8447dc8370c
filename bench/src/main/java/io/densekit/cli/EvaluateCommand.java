package io.densekit.cli;

import io.densekit.kernel.LossKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densekit evaluate}: the loss, and for classification the accuracy, of a trained model on data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a trained model's mean loss on data and, for classification losses, its accuracy.",
                "Class names map to the indices the model was trained with when its weights record them"
                        + " ('densekit train --out' does), else to their sorted order."})
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelOptions source;

    @Option(names = "--loss", required = true, paramLabel = "LOSS", description = "mse, cross_entropy, nll or bce.")
    LossKind loss;

    @Option(names = "--x", required = true, paramLabel = "X",
            description = "Inputs [n, inputs]: .npy, IDX or CSV, or the gzip of one (told apart by content).")
    Path x;

    @Option(names = "--y", paramLabel = "Y", description = "Targets, as for 'densekit train'. Not with --label.")
    Path y;

    @Mixin
    DataOptions data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((y == null) == (data.label == null)) {
            throw new ParameterException(spec.commandLine(), y == null ? "give the targets with --y FILE or --label"
                    + " COLUMN" : "--y and --label both give the targets; give one of them");
        }
        PrintWriter w = spec.commandLine().getOut();
        try (ModelOptions.Loaded m = source.open(spec)) {
            Samples s = Samples.load(data, x, y, m.spec(), loss, m.on().dtype(), m.classes());
            double value = m.net().evaluate(s.x(), s.y(), loss);
            w.printf("evaluated %s (%s on %s) on %s samples of %s%n", m.spec(), m.on().dtype(), m.on().kernel().name(),
                    Table.count(s.x().rows()), DataFiles.name(x));
            if (!s.classes().isEmpty()) {
                w.printf("classes of %s (%s): %s%n", s.source(), m.classes().isEmpty() ? "sorted"
                        : "as trained, from " + DataFiles.name(source.weights), ClassNames.mapping(s.classes()));
            }
            w.printf(Locale.ROOT, "loss (%s): %.6g%n", loss.cliName(), value);
            if (Accuracy.applies(loss)) {
                double accuracy = Accuracy.of(m.net(), loss, s.x(), s.y());
                w.printf(Locale.ROOT, "accuracy: %.2f%%%n", 100 * accuracy);
            }
        }
        w.flush();
        return 0;
    }
}
