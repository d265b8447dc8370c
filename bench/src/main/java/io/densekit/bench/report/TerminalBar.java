package io.densekit.bench.report;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The command line's one progress bar: an ASCII bar redrawn in place on one line of a stream
 * (stderr, so stdout's tables and rows stay clean) and cleared when closed, leaving the cursor at
 * the start of the empty line for whatever is printed next. Training ({@code EpochProgressBar})
 * and the benchmarks ({@link TerminalProgress}) feed it their events.
 */
public final class TerminalBar implements AutoCloseable {
    /** Characters a bar or a note may take: a classic terminal's line less one, so it never wraps. */
    static final int WIDTH = 79;
    private static final int UPDATE_MILLIS = 200;
    private final SameLine line;
    private final ProgressBar bar;

    /**
     * @param max  the number of steps to the end
     * @param eta  whether to show the estimated time left
     */
    public TerminalBar(PrintStream out, String task, long max, boolean eta) {
        line = new SameLine(out);
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(UPDATE_MILLIS).setConsumer(line);
        if (!eta) {
            b.hideEta();
        }
        bar = b.build();
    }

    /** True when the JVM's console is an interactive terminal: bars there, nothing in pipes and logs. */
    public static boolean isTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    /** One step done. */
    public void step() {
        bar.step();
    }

    /** The text after the bar, e.g. the latest loss. */
    public void message(String text) {
        bar.setExtraMessage(text);
    }

    /**
     * Draws a final frame and clears the line. The clearing is done here, not by the library's
     * clear-on-finish, which skips it when the bar closes before its first scheduled redraw.
     */
    @Override
    public void close() {
        bar.close();
        line.clear();
    }

    /** Writes {@code text} over the bar's line (cut to its width); an empty text clears the line. */
    public static void note(PrintStream out, String text) {
        String line = text.length() > WIDTH ? text.substring(0, WIDTH) : text;
        out.print('\r' + line + " ".repeat(WIDTH - line.length()) + (text.isEmpty() ? "\r" : ""));
        out.flush();
    }

    /**
     * Redraws with a carriage return and clears to the start of the line; the library's own
     * consumers end on a fresh line, which would leave a blank line after every bar.
     */
    private record SameLine(PrintStream out) implements ProgressBarConsumer {
        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            out.print('\r' + (rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered));
            out.flush();
        }

        @Override
        public void clear() {
            out.print('\r' + " ".repeat(WIDTH) + '\r');
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
