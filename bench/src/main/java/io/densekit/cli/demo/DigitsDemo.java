package io.densekit.cli.demo;

import io.densekit.cli.Accuracy;
import io.densekit.cli.EpochTable;
import io.densekit.cli.Table;
import io.densekit.data.Dataset;
import io.densekit.data.Split;
import io.densekit.data.UciDigits;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.train.FitOptions;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A classifier of the UCI 8x8 handwritten digits (shipped as a resource, CC BY 4.0, Alpaydin &amp;
 * Kaynak 1998): a seeded 80/20 split, one hidden ReLU layer, cross-entropy on class indices, SGD with
 * momentum over shuffled minibatches, in f32 on the given kernel.
 */
final class DigitsDemo {
    static final int TARGET_PERCENT = 95;
    static final String RESOURCE = "/io/densekit/cli/data/digits.csv.gz";
    private static final ModelSpec MODEL = ModelSpec.parse("64,64:relu,10");
    private static final int TRAIN = 1_437;
    private static final long SEED = 2024;

    private final PrintWriter out;
    private final int number;
    private final int total;

    DigitsDemo(PrintWriter out, int number, int total) {
        this.out = out;
        this.number = number;
        this.total = total;
    }

    /** Trains and returns the final validation accuracy. */
    double run(Kernel kernel) {
        Split data = Split.shuffled(load(), TRAIN, SEED);
        DType dtype = kernel.dtypes().contains(DType.F32) ? DType.F32 : DType.F64;
        SgdParams sgd = new SgdParams(0.05, 0.9, 0, false, 0);
        FitOptions.Builder o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(12).batch(32)
                .optimizer(OptimizerSpec.sgd(sgd)).shuffle(SEED);
        FitOptions built = o.build();
        out.printf(Locale.ROOT, "[%d/%d] Handwritten digits %s: cross_entropy, SGD lr %s momentum %s, batch %d, "
                        + "%d epochs, shuffled%n", number, total, MODEL, sgd.lr(), sgd.momentum(), built.batch(),
                built.epochs());
        out.printf("      UCI 8x8 digits (Alpaydin & Kaynak 1998, CC BY 4.0); %s train / %s valid images; %s on %s%n",
                Table.count(data.train().size()), Table.count(data.valid().size()), dtype, kernel.name());
        try (Sequential m = Sequential.of(MODEL, kernel, dtype, SEED)) {
            o.listener(new EpochTable(out, true, null,
                    epoch -> Accuracy.of(m, LossKind.CROSS_ENTROPY, data.valid().x(), data.valid().y()), false));
            new Trainer(m).fit(data.train(), data.valid(), o.build());
            double accuracy = m.accuracy(data.valid().x(), data.valid().y());
            out.printf("  validation accuracy %s (target %d%%)%n", Table.percent(accuracy), TARGET_PERCENT);
            return accuracy;
        }
    }

    static Dataset load() {
        try (InputStream in = DigitsDemo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the digits data " + RESOURCE + " is missing from the densekit jar");
            }
            return UciDigits.read(in, "digits.csv.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
