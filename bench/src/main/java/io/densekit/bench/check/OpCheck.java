package io.densekit.bench.check;

import io.densekit.kernel.Kernel;

/** One family of kernel operations compared with the reference kernel on random operands. */
interface OpCheck {

    /** Runs the cases of this family on {@code kernel}, recording each case's error in {@code tally}. */
    void run(Kernel reference, Kernel kernel, RandomOperands random, Tally tally);
}
