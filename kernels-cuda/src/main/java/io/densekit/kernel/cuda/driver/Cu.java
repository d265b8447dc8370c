package io.densekit.kernel.cuda.driver;

import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

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
            throw new CudaDriverException(call, result, describe(result));
        }
    }

    /**
     * The code's name: from CUDA 13's table, else from the driver (a driver newer than the table
     * may return codes it lacks). Only called after a driver call, so JCuda's binding is loaded.
     */
    static String describe(int result) {
        if (CuResultNames.nameOrNull(result) != null) {
            return CuResultNames.describe(result);
        }
        String[] name = new String[1];
        try {
            if (JCudaDriver.cuGetErrorName(result, name) == CUresult.CUDA_SUCCESS && name[0] != null) {
                return name[0] + " (" + result + ")";
            }
        } catch (RuntimeException | LinkageError e) {
            // fall through to the table's wording
        }
        return CuResultNames.describe(result);
    }
}
