package io.densekit.train;

/**
 * Hears about training progress; every method has a no-op default. The trainer calls it on the
 * fitting thread. Console output (tables, progress bars) lives in the command line, which
 * implements this interface; the library prints nothing.
 */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** Before the first epoch. */
    default void onStart(int epochs, int batchesPerEpoch) {
    }

    /** After each minibatch, with its loss. */
    default void onBatch(int epoch, int batch, double loss) {
    }

    /** After each epoch, with the mean minibatch loss and the validation loss (NaN without validation). */
    default void onEpoch(int epoch, double trainLoss, double validLoss) {
    }

    /** After the last epoch, or when training stops on an error. */
    default void onEnd() {
    }
}
