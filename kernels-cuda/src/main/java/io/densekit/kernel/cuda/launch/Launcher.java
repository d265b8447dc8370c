package io.densekit.kernel.cuda.launch;

import io.densekit.kernel.cuda.driver.Cu;
import io.densekit.kernel.cuda.driver.DeviceContext;
import io.densekit.tensor.DType;
import jcuda.driver.CUfunction;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Launches densekit's kernels on the context's stream, asynchronously. The functions are looked up
 * once per entry and dtype, and the arguments are written into one reused parameter block
 * ({@link #args()}), so the Java side of a launch allocates nothing. Not thread-safe: used under
 * the kernel's lock.
 */
public final class Launcher {
    private final DeviceContext context;
    private final LaunchArgs args = new LaunchArgs();
    private final CUfunction[] functions = new CUfunction[KernelEntry.values().length * 2];

    public Launcher(DeviceContext context) {
        this.context = context;
    }

    /**
     * Looks up every kernel in both dtypes now. A kernel missing from the loaded module then fails
     * the kernel's open, not a step in the middle of training; and where the driver loads lazily
     * (CUDA_MODULE_LOADING=LAZY, the default since CUDA 12.2, loads a function when it is looked
     * up), the module's device memory is taken at open, not at a later first launch, so what a GPU
     * holds does not grow under a test that measures it.
     */
    public void resolveAll() {
        for (KernelEntry e : KernelEntry.values()) {
            function(e, DType.F32);
            function(e, DType.F64);
        }
    }

    /** The parameter block, emptied: fill it, then {@link #launch} before asking for it again. */
    public LaunchArgs args() {
        return args.clear();
    }

    /** Queues {@code entry} for {@code dtype} with the given grid and arguments. */
    public void launch(KernelEntry entry, DType dtype, Grid grid, LaunchArgs launchArgs) {
        if (!launchArgs.matches(entry.signature())) {
            throw new IllegalStateException(entry.symbol(dtype) + " takes (" + entry.signature() + "), got ("
                    + launchArgs.signature() + ")");
        }
        int r = JCudaDriver.cuLaunchKernel(function(entry, dtype), grid.gridX(), grid.gridY(), 1, grid.blockX(), grid.blockY(), 1,
                0, context.stream(), launchArgs.kernelParams(), null);
        if (r != CUresult.CUDA_SUCCESS) {
            Cu.check(r, "cuLaunchKernel(" + entry.symbol(dtype) + ")");
        }
    }

    private CUfunction function(KernelEntry entry, DType dtype) {
        int i = entry.ordinal() * 2 + (entry.typed() && dtype == DType.F64 ? 1 : 0);
        CUfunction f = functions[i];
        if (f == null) {
            f = context.function(entry.symbol(dtype));
            functions[i] = f;
        }
        return f;
    }
}
