package io.densekit.kernel.cuda.driver;

import java.util.List;

/**
 * No form of densekit's kernel module loaded. The message has one line per form tried: its
 * status by name and the driver's JIT error log (for PTX, ptxas's own words), so a failure on a
 * GPU reads as what happened, not as a bare number.
 */
public final class CudaModuleLoadException extends CudaDriverException {
    private final List<ModuleLoader.Attempt> attempts;

    CudaModuleLoadException(String device, List<ModuleLoader.Attempt> attempts) {
        super(attempts.getLast().status(), message(device, attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** What was tried, in order, with each outcome. */
    public List<ModuleLoader.Attempt> attempts() {
        return attempts;
    }

    private static String message(String device, List<ModuleLoader.Attempt> attempts) {
        StringBuilder m = new StringBuilder("cuModuleLoadDataEx: no form of densekit's kernels loads on " + device + ":");
        for (ModuleLoader.Attempt a : attempts) {
            m.append("\n  ").append(a.describe());
        }
        return m.toString();
    }
}
