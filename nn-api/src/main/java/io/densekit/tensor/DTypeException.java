package io.densekit.tensor;

/** An operand's dtype does not fit the operation or the kernel. */
public class DTypeException extends IllegalArgumentException {
    public DTypeException(String message) {
        super(message);
    }
}
