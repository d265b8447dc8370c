package io.densekit.cli;

import io.densekit.kernel.KernelUnavailableException;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr: {@code densekit <command>: <what is wrong>}. Bad input
 * (options, files, data, shapes, kernels) exits with {@value #BAD_INPUT}; anything else is a bug in
 * densekit and exits with {@value #INTERNAL}. {@code --verbose} adds the stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + e.getMessage() + " (see '" + name + " --help')");
        if (verbose(cmd)) {
            e.printStackTrace(err);
        }
        err.flush();
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        boolean badInput = cause instanceof IllegalArgumentException || cause instanceof IOException
                || cause instanceof KernelUnavailableException;
        String message = badInput ? describe(cause)
                : "internal error: " + cause + (verbose(cmd) ? "" : " (run with --verbose for the stack trace)");
        err.println(name + ": " + message);
        if (verbose(cmd)) {
            e.printStackTrace(err);
        }
        err.flush();
        return badInput ? BAD_INPUT : INTERNAL;
    }

    /** The message a user can act on; file-system exceptions carry only the path otherwise. */
    static String describe(Throwable t) {
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (t instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (t instanceof EOFException) {
            return "unexpected end of file" + (t.getMessage() == null ? "" : ": " + t.getMessage())
                    + " (the file is truncated)";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private static boolean verbose(CommandLine cmd) {
        Object root = cmd.getCommandSpec().root().userObject();
        return root instanceof DensekitCommand d && d.verbose;
    }
}
