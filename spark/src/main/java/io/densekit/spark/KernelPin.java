package io.densekit.spark;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.Kernels;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel a distributed fit is pinned to, by name, and the vector width it computes with: two
 * machines give the same bits only with the same kernel at the same width (a 512-bit GEMM adds in
 * another order than a 256-bit one). Thread counts do not matter: densekit's kernels give the same
 * bits for any. The width is the "N-bit" a kernel names in its details, "" where it names none.
 *
 * @param name  the kernel's name, e.g. "simd"
 * @param width e.g. "256-bit", or ""
 */
record KernelPin(String name, String width) implements Serializable {
    private static final Pattern WIDTH = Pattern.compile("(\\d+)-bit");

    /** The kernel of that name on this JVM, strictly: an unavailable kernel throws with its reason. */
    static Kernel resolve(String name) {
        return Kernels.byName(name);
    }

    static KernelPin of(Kernel kernel) {
        Matcher m = WIDTH.matcher(kernel.details());
        return new KernelPin(kernel.name(), m.find() ? m.group() : "");
    }

    /**
     * The one line for an executor that cannot run this kernel: {@code where} names the executor,
     * {@code pinnedWork} what is pinned to the kernel ("the fit"), {@code reason} the kernel's own.
     */
    KernelUnavailableException cannotRun(String where, String pinnedWork, String reason) {
        return new KernelUnavailableException(where + " cannot run kernel '" + name + "', which " + pinnedWork
                + " is pinned to: " + reason);
    }

    /** Refuses an executor whose kernel would compute other bits than the driver's; {@code where} names it. */
    void requireSame(KernelPin executor, String where) {
        if (!equals(executor)) {
            throw new IllegalStateException(where + " runs kernel " + executor + ", the driver " + this
                    + "; exact results need the same kernel at the same vector width everywhere");
        }
    }

    @Override
    public String toString() {
        return width.isEmpty() ? name : name + " (" + width + ")";
    }
}
