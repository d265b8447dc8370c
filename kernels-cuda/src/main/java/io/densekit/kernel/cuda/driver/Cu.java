package io.densekit.kernel.cuda.driver;

import jcuda.driver.CUresult;

/**
 * Checks driver results. JCuda can throw on errors by itself, but that switch is global to the JVM
 * (it would change other JCuda users' behaviour), so densekit leaves it off and checks every result.
 */
public final class Cu {
    private Cu() {
    }

    /** Throws {@link CudaDriverException} naming the call unless the result is CUDA_SUCCESS. */
    public static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaDriverException(call, result);
        }
    }
}
