package io.densekit.bench.report;

import io.densekit.bench.harness.RunListener;
import java.io.PrintStream;

/** A {@link TerminalBar} over the benchmark cases, cleared at the end so the tables start clean. */
public final class TerminalProgress implements RunListener {
    private final PrintStream err;
    private TerminalBar bar;

    public TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public void started(int cases) {
        bar = new TerminalBar(err, "bench", cases, true);
    }

    @Override
    public void timing(String what) {
        if (bar != null) {
            bar.message(what);
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
        TerminalBar.note(err, what);
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
