package io.densekit.kernel.cuda;

import io.densekit.kernel.cuda.memory.DeviceBlock;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.Tensor;

/** Turns the Tensor arguments of an operation into this kernel's device tensors, or says why not. */
final class Operands {
    private final Object owner;
    private final CudaRuntime rt;

    /** Without a runtime (tests of the checks alone): uses are not noted for recordings. */
    Operands(Object owner) {
        this(owner, null);
    }

    Operands(Object owner, CudaRuntime rt) {
        this.owner = owner;
        this.rt = rt;
    }

    /** The operand as a tensor of this kernel; a host tensor or another kernel's is refused with its name. */
    CudaTensor of(Tensor t, String op, String operand) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + operand + " is null");
        }
        if (t instanceof CudaTensor c && c.owner() == owner) {
            DeviceBlock b = c.block(op, operand);
            if (rt != null) {
                rt.noteUse(c, b); // a recording keeps the blocks its operations use
                c.touch(rt.epoch());
            }
            return c;
        }
        String what = t instanceof CudaTensor ? "a tensor of another cuda kernel instance" : "a " + t.getClass().getSimpleName();
        throw new DTypeException("kernel 'cuda': " + op + ": " + operand + " is " + what
                + "; pass tensors made by this kernel (Kernel.allocate / upload) and move host data with copyFromHost");
    }

    /** Its device address; null operands give 0 (a nullable kernel argument). */
    long address(Tensor t, String op, String operand) {
        return t == null ? 0 : of(t, op, operand).address(op, operand);
    }

    static void requireDType(DType dtype) {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype is null");
        }
    }
}
