package io.densekit.kernel;

/** A kernel was requested by name (or strictly) but is unknown or cannot run here; the message says why. */
public class KernelUnavailableException extends RuntimeException {
    public KernelUnavailableException(String message) {
        super(message);
    }

    public KernelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
