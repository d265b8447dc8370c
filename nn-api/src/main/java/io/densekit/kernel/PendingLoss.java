package io.densekit.kernel;

/**
 * A loss value a kernel may still be computing ({@link TrainingSupport#queueLoss}). {@link #get} waits for
 * it and throws what {@link Kernel#loss} would have thrown for bad input (a class index out of
 * range, a BCE value outside [0, 1]). Read it once; a device kernel frees its slot on the read.
 */
@FunctionalInterface
public interface PendingLoss {
    double get();
}
