package io.densekit.kernel.cuda.launch;

import java.util.ArrayList;
import java.util.List;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * A kernel's arguments in order, as cuLaunchKernel takes them (a pointer to each value), with the
 * signature they form, which the launcher compares with the {@link KernelEntry}'s before launching.
 */
public final class LaunchArgs {
    private final List<NativePointerObject> values = new ArrayList<>(12);
    private final StringBuilder signature = new StringBuilder(12);

    /** A device address (0 for a nullable pointer left out). */
    public LaunchArgs ptr(long address) {
        values.add(Pointer.to(new long[] {address}));
        signature.append('p');
        return this;
    }

    public LaunchArgs i32(int v) {
        values.add(Pointer.to(new int[] {v}));
        signature.append('i');
        return this;
    }

    public LaunchArgs i64(long v) {
        values.add(Pointer.to(new long[] {v}));
        signature.append('l');
        return this;
    }

    public LaunchArgs f64(double v) {
        values.add(Pointer.to(new double[] {v}));
        signature.append('d');
        return this;
    }

    public String signature() {
        return signature.toString();
    }

    /** The kernelParams argument of cuLaunchKernel. */
    public Pointer kernelParams() {
        return Pointer.to(values.toArray(NativePointerObject[]::new));
    }
}
