package io.densekit.cli;

import io.densekit.train.TrainingListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Prints one table row per epoch as training goes: the mean minibatch loss, the validation loss and,
 * for classifiers, accuracies. A terminal also gets a progress bar over each epoch's minibatches.
 */
public final class EpochTable implements TrainingListener {
    private final PrintWriter out;
    private final boolean validation;
    private final IntToDoubleFunction trainAccuracy;
    private final IntToDoubleFunction validAccuracy;
    private final TrainingListener progress;
    private final Table table;

    /**
     * @param trainAccuracy accuracy on the training set after epoch i, or null for regression
     * @param validAccuracy accuracy on the validation set after epoch i, or null
     */
    public EpochTable(PrintWriter out, boolean validation, IntToDoubleFunction trainAccuracy,
               IntToDoubleFunction validAccuracy, boolean progressBar) {
        this.out = out;
        this.validation = validation;
        this.trainAccuracy = trainAccuracy;
        this.validAccuracy = validAccuracy;
        this.progress = progressBar ? new EpochProgressBar(System.err) : TrainingListener.NONE;
        List<String> headers = new ArrayList<>(List.of(">epoch", ">train loss"));
        if (validation) {
            headers.add(">valid loss");
        }
        if (trainAccuracy != null) {
            headers.add(">train acc");
        }
        if (validAccuracy != null) {
            headers.add(">valid acc");
        }
        table = new Table("  ", headers.toArray(String[]::new)).minWidths(5, 11, 11, 9, 9);
    }

    @Override
    public void onStart(int epochs, int batchesPerEpoch) {
        table.printHeader(out);
        out.flush();
        progress.onStart(epochs, batchesPerEpoch);
    }

    @Override
    public void onBatch(int epoch, int batch, double loss) {
        progress.onBatch(epoch, batch, loss);
    }

    @Override
    public void onEpoch(int epoch, double trainLoss, double validLoss) {
        progress.onEpoch(epoch, trainLoss, validLoss);
        List<Object> cells = new ArrayList<>(List.of(epoch + 1, Table.number(trainLoss)));
        if (validation) {
            cells.add(Table.number(validLoss));
        }
        if (trainAccuracy != null) {
            cells.add(Table.percent(trainAccuracy.applyAsDouble(epoch)));
        }
        if (validAccuracy != null) {
            cells.add(Table.percent(validAccuracy.applyAsDouble(epoch)));
        }
        table.printRow(out, cells.toArray());
    }

    @Override
    public void onEnd() {
        progress.onEnd();
    }
}
