package io.densekit.kernel.cuda.launch;

import io.densekit.kernel.cuda.driver.Cu;
import io.densekit.kernel.cuda.driver.DeviceContext;
import io.densekit.tensor.DType;
import jcuda.driver.JCudaDriver;

/** Launches densekit's kernels on the context's stream, asynchronously. */
public final class Launcher {
    private final DeviceContext context;

    public Launcher(DeviceContext context) {
        this.context = context;
    }

    /** Queues {@code entry} for {@code dtype} with the given grid and arguments. */
    public void launch(KernelEntry entry, DType dtype, Grid grid, LaunchArgs args) {
        if (!entry.signature().equals(args.signature())) {
            throw new IllegalStateException(entry.symbol(dtype) + " takes (" + entry.signature() + "), got ("
                    + args.signature() + ")");
        }
        String symbol = entry.symbol(dtype);
        Cu.check(JCudaDriver.cuLaunchKernel(context.function(symbol), grid.gridX(), 1, 1, grid.blockX(), grid.blockY(), 1,
                0, context.stream(), args.kernelParams(), null), "cuLaunchKernel(" + symbol + ")");
    }
}
