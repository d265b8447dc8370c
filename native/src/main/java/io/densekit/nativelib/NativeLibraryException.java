package io.densekit.nativelib;

/** A native library or one of its symbols is missing or unusable; the message says what and where it looked. */
public class NativeLibraryException extends RuntimeException {
    public NativeLibraryException(String message) {
        super(message);
    }

    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
