package io.densekit.bench.report;

import io.densekit.bench.harness.RunListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A bar over the cases on stderr, redrawn in place and cleared at the end so the tables start clean. */
public final class TerminalProgress implements RunListener {
    private final PrintStream err;
    private ProgressBar bar;

    public TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void started(int cases) {
        bar = new ProgressBarBuilder().setTaskName("bench").setInitialMax(cases).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200).clearDisplayOnFinish().setConsumer(new SameLine(err)).build();
    }

    @Override
    public void timing(String what) {
        if (bar != null) {
            bar.setExtraMessage(what);
        }
    }

    @Override
    public void done() {
        if (bar != null) {
            bar.step();
        }
    }

    /** Shows {@code what} on the bar's line; an empty text clears it. */
    @Override
    public void note(String what) {
        String line = what.length() > SameLine.WIDTH ? what.substring(0, SameLine.WIDTH) : what;
        err.print('\r' + line + " ".repeat(SameLine.WIDTH - line.length()) + (what.isEmpty() ? "\r" : ""));
        err.flush();
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Draws on one line with carriage returns; the library's default consumers end on a new line. */
    private record SameLine(PrintStream err) implements ProgressBarConsumer {
        private static final int WIDTH = 79;

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r' + (rendered.length() > WIDTH ? rendered.substring(0, WIDTH) : rendered));
            err.flush();
        }

        @Override
        public void clear() {
            err.print('\r' + " ".repeat(WIDTH) + '\r');
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
