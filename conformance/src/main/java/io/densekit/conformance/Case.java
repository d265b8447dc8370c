package io.densekit.conformance;

import io.densekit.kernel.Kernel;

/**
 * One named check of a kernel against the reference kernel: operands, the operations under test,
 * and the tolerance of each result. The JUnit suite runs each case as a test; {@code densekit check}
 * runs the same cases on drawn shapes and tabulates the worst result per operation.
 *
 * @param op   the operation a case that throws is charged to
 * @param name what the case computes (operation, dtype, shape)
 * @param body the case itself
 */
public record Case(String op, String name, Body body) {

    /** The work of a case: computes on both kernels and records every result. */
    @FunctionalInterface
    public interface Body {
        void run(Kernel reference, Kernel kernel, Recorder recorder);
    }

    public void run(Kernel reference, Kernel kernel, Recorder recorder) {
        body.run(reference, kernel, recorder);
    }
}
