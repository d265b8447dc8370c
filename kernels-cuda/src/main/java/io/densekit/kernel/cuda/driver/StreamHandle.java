package io.densekit.kernel.cuda.driver;

import jcuda.driver.CUstream;

/** A CUDA stream whose raw handle Java can read, to hand the same stream to cuBLAS. */
public final class StreamHandle extends CUstream {

    /** The CUstream value. */
    public long address() {
        return getNativePointer();
    }
}
