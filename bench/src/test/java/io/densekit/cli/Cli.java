package io.densekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * {@code command}, then each option of {@code defaults} (pairs of option and value) that
     * {@code extra} does not name, then {@code extra}. In {@code extra} an option followed by null
     * only removes its default.
     */
    static String[] withDefaults(String command, List<String> defaults, String... extra) {
        List<String> given = Arrays.asList(extra);
        List<String> args = new ArrayList<>(List.of(command));
        for (int i = 0; i < defaults.size(); i += 2) {
            if (!given.contains(defaults.get(i))) {
                args.add(defaults.get(i));
                args.add(defaults.get(i + 1));
            }
        }
        for (int i = 0; i < extra.length; i++) {
            if (i + 1 < extra.length && extra[i + 1] == null) {
                i++;
            } else {
                args.add(extra[i]);
            }
        }
        return args.toArray(String[]::new);
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DensekitCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
