package io.densekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs densekit in-process with captured output. */
final class Cli {
    private Cli() {
    }

    record Result(int exitCode, String out, String err) {
        /** The non-empty lines of stderr. */
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DensekitCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
