package io.densekit.kernel.cuda.launch;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;

/**
 * A kernel's arguments in order, as cuLaunchKernel takes them: an array of pointers, each to one
 * value. Both live in native memory written once per launch and reused, so a launch allocates
 * nothing and JCuda passes the array's address as it is. (Handing JCuda a {@code Pointer} per value
 * cost about 0.4 µs of marshalling per argument, measured through the CPU emulator: 4.5 µs for the
 * 10 arguments of an SGD update, against about 0.3 µs now.) The signature the values form is kept
 * for the launcher to compare with the {@link KernelEntry}'s.
 *
 * <p>One instance per {@link Launcher}, used under the kernel's lock: {@link Launcher#args()}
 * clears it for the next launch. Not thread-safe.
 */
public final class LaunchArgs {
    /** More than any densekit kernel takes (Adam: 11). */
    public static final int MAX_ARGS = 16;

    private final ByteBuffer values = ByteBuffer.allocateDirect(MAX_ARGS * Long.BYTES).order(ByteOrder.nativeOrder());
    private final ByteBuffer slots = ByteBuffer.allocateDirect(MAX_ARGS * Long.BYTES).order(ByteOrder.nativeOrder());
    private final Pointer kernelParams = Pointer.to(slots);
    private final char[] signature = new char[MAX_ARGS];
    private int count;

    public LaunchArgs() {
        long base = MemorySegment.ofBuffer(values).address();
        for (int i = 0; i < MAX_ARGS; i++) {
            slots.putLong(i * Long.BYTES, base + (long) i * Long.BYTES);
        }
    }

    /** Empties the list for the next launch. */
    public LaunchArgs clear() {
        count = 0;
        return this;
    }

    /** A device address (0 for a nullable pointer left out). */
    public LaunchArgs ptr(long address) {
        values.putLong(next('p'), address);
        return this;
    }

    public LaunchArgs i32(int v) {
        values.putInt(next('i'), v);
        return this;
    }

    public LaunchArgs i64(long v) {
        values.putLong(next('l'), v);
        return this;
    }

    public LaunchArgs f64(double v) {
        values.putDouble(next('d'), v);
        return this;
    }

    private int next(char kind) {
        if (count == MAX_ARGS) {
            throw new IllegalStateException("more than " + MAX_ARGS + " kernel arguments");
        }
        signature[count] = kind;
        return count++ * Long.BYTES;
    }

    /** True when the values so far form exactly this signature ("ppli": pointer, pointer, long, int). */
    boolean matches(String expected) {
        if (expected.length() != count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (expected.charAt(i) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    public String signature() {
        return new String(signature, 0, count);
    }

    /** The kernelParams argument of cuLaunchKernel: the address of the array of value pointers. */
    public Pointer kernelParams() {
        return kernelParams;
    }
}
