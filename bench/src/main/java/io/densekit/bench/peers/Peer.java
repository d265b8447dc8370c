package io.densekit.bench.peers;

import io.densekit.bench.harness.Workload;
import io.densekit.tensor.DType;

/**
 * A library densekit's kernels are compared with in {@code densekit bench} (numpy, PyTorch, OpenBLAS
 * inside the JVM), run at its best configuration, which {@link #configuration()} names for the header.
 */
public interface Peer extends AutoCloseable {

    /** Its name in tables and the JSON, e.g. "numpy" or "openblas-0.3.31". */
    String name();

    /** Version, library and threads, as the report's header prints them. */
    String configuration();

    /** Why it does not run this case (e.g. "GEMM only"), or null when it does. */
    String unsupported(Workload workload, DType dtype);

    /** Allocates the operands of a case; the case is run in rounds, then closed. */
    TimedCase prepare(Workload workload, DType dtype);

    @Override
    void close();
}
