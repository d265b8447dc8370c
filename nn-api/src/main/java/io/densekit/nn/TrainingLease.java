package io.densekit.nn;

/**
 * A model held for training: from {@link Sequential#startTraining()} until {@link #close()}, no
 * other thread may predict, evaluate, load weights or start another fit on it (they get an
 * {@link IllegalStateException} saying the model is being trained); the training thread itself
 * may evaluate between steps. The trainer calls {@link #checkOpen()} before every batch, so a
 * close() of the model from another thread stops the fit at its next batch, and the model's
 * memory is freed only once the lease is closed.
 */
public final class TrainingLease implements AutoCloseable {
    private final ModelGate gate;
    private boolean closed;

    TrainingLease(ModelGate gate) {
        this.gate = gate;
    }

    /** Throws if the model was closed while it was being trained. */
    public void checkOpen() {
        if (gate.isClosed()) {
            throw new IllegalStateException("fit stopped: the model was closed while it was being trained");
        }
    }

    /** Ends the training; the model serves inference again (or is freed, if it was closed meanwhile). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            gate.endExclusive();
        }
    }
}
