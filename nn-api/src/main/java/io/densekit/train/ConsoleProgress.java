package io.densekit.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar over all minibatches of a fit, showing the epoch and the latest losses. */
final class ConsoleProgress implements TrainingListener {
    private ProgressBar bar;
    private String lastEpoch = "";

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax((long) epochs * batchesPerEpoch)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
    }

    @Override
    public void onBatch(int epoch, int batch, double loss) {
        bar.step();
        bar.setExtraMessage(String.format("epoch %d loss %.5g%s", epoch + 1, loss, lastEpoch));
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validLoss) {
        lastEpoch = Double.isNaN(validLoss) ? "" : String.format(" | valid %.5g", validLoss);
    }

    @Override
    public void onEnd() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
