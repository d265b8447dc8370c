package io.densekit.cli;

import io.densekit.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
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
                    .setConsumer(new SameLine()).build();
        }
        bar.step();
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.5g", loss));
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validLoss) {
        onEnd();
    }

    /**
     * Redraws the bar in place with a carriage return and leaves the cursor at the start of the
     * cleared line, so the epoch's row (on stdout) takes it; the library's default consumers end
     * on a fresh line, which would leave a blank line per epoch.
     */
    private static final class SameLine implements ProgressBarConsumer {
        private static final int WIDTH = 79;

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            System.err.print('\r' + (rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered));
            System.err.flush();
        }

        @Override
        public void clear() {
            System.err.print('\r' + " ".repeat(WIDTH) + '\r');
            System.err.flush();
        }

        @Override
        public void close() {
            System.err.flush();
        }
    }

    @Override
    public void onEnd() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
