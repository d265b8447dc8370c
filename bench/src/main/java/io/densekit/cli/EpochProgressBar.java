package io.densekit.cli;

import io.densekit.bench.report.TerminalBar;
import io.densekit.train.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link TerminalBar} over one epoch's minibatches, fed by the trainer's events and cleared when
 * the epoch ends so that the epoch's table row (on stdout) takes its place.
 */
final class EpochProgressBar implements TrainingListener {
    private final PrintStream out;
    private int epochs;
    private int batches;
    private TerminalBar bar;

    EpochProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onBatch(int epoch, int batch, double loss) {
        if (bar == null) {
            bar = new TerminalBar(out, "epoch " + (epoch + 1) + "/" + epochs, batches, false);
        }
        bar.step();
        bar.message(String.format(Locale.ROOT, "loss %.5g", loss));
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validLoss) {
        onEnd();
    }

    @Override
    public void onEnd() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
