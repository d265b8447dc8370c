package io.densekit.io.onnx;

/**
 * What is wrong with an ONNX file, found while decoding or matching it. {@link Onnx} turns it into a
 * {@link io.densekit.io.MalformedFileException} naming the file, so callers see one exception type.
 */
final class OnnxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OnnxFormatException(String problem) {
        super(problem);
    }
}
