package io.densekit.cli;

import io.densekit.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A bar over one epoch's minibatches on stderr, cleared when the epoch ends so its table row takes the place. */
final class EpochProgressBar implements TrainingListener {
    private int epochs;
    private int batches;
    private ProgressBar bar;

    /** True when stdout is an interactive terminal: bars there, plain rows in pipes and logs. */
    static boolean terminal() {
        return System.console() != null && System.console().isTerminal();
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onBatch(int epoch, int batch, double loss) {
        if (bar == null) {
            bar = new ProgressBarBuilder().setTaskName("epoch " + (epoch + 1) + "/" + epochs).setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).clearDisplayOnFinish().hideEta()
                    .build();
        }
        bar.step();
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.5g", loss));
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
