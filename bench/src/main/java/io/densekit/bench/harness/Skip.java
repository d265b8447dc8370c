package io.densekit.bench.harness;

import io.densekit.tensor.DType;

/**
 * A case not measured and why: an unavailable kernel or baseline (dtype and workload null), a dtype
 * the kernel does not compute in (workload null), or a case too slow for the reference kernel.
 */
public record Skip(String engine, DType dtype, Workload workload, String reason) {

    public static Skip engine(String engine, String reason) {
        return new Skip(engine, null, null, reason);
    }
}
