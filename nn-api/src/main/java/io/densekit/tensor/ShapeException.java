package io.densekit.tensor;

/** An operand's shape does not fit the operation; the message names the operand and the expected shape. */
public class ShapeException extends IllegalArgumentException {
    public ShapeException(String message) {
        super(message);
    }
}
