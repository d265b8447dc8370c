package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;

/** One thing to time on a kernel: a GEMM of some shape, a training step of some model. */
public sealed interface Workload permits GemmWorkload, StepWorkload {

    /** "gemm" or "step", as the JSON's {@code op}. */
    String op();

    /** The short name of a table column or chart point, e.g. "1024" or "mnist b64". */
    String label();

    /** Floating-point operations per run (a multiply-add counts two); for GFLOP/s and for capping slow kernels. */
    double flops();

    /** Allocates and fills the operands in the kernel's memory. */
    Prepared prepare(Kernel kernel, DType dtype);

    /** A workload ready to run; {@link #run} includes the kernel's synchronisation. */
    interface Prepared extends AutoCloseable {
        void run();

        @Override
        void close();
    }
}
