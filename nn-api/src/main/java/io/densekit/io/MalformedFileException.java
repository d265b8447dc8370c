package io.densekit.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not a valid instance of its format, or holds something densekit does not read. The
 * message starts with the file name, then says what is wrong and what was expected, e.g.
 * {@code W.safetensors: tensor '0.weight' data offsets [0, 96) exceed the data section of 80 bytes}.
 */
public final class MalformedFileException extends IOException {
    private final transient Path file;
    private final String problem;

    public MalformedFileException(Path file, String problem) {
        super(fileName(file) + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public MalformedFileException(Path file, String problem, Throwable cause) {
        super(fileName(file) + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }

    /** The file the message is about. */
    public Path file() {
        return file;
    }

    static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
