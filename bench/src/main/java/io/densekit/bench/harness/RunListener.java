package io.densekit.bench.harness;

/** Told as a benchmark run advances, e.g. to draw a progress bar. */
public interface RunListener {
    RunListener NONE = new RunListener() {
    };

    /** The run has {@code cases} cases to time. */
    default void started(int cases) {
    }

    /** A case is about to be timed, e.g. "simd f32 gemm 1024". */
    default void timing(String what) {
    }

    /** One case is done (measured or skipped). */
    default void done() {
    }

    /** Something slower than a case runs now (the external baselines); an empty text means it is over. */
    default void note(String what) {
    }

    default void finished() {
    }
}
