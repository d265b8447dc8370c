package io.densekit.nativelib.cblas;

import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The GEMM downcall handles, one per signature and shared by every binding: the function's address
 * is their first argument, so they do not depend on which library was found. Being {@code static
 * final} is their point: C2 treats them as constants and inlines the whole downcall into the
 * caller, and then escape analysis removes the heap {@code MemorySegment}s a call wraps its arrays
 * in (reliably for whole-array segments; a slice at an offset only where C2 also inlines
 * {@code asSlice}'s virtual call). Through a handle in an instance field the call is opaque to C2
 * and those segments (about 200 bytes a call) are allocated every time.
 */
final class CblasDowncalls {
    /** cblas_sgemm's signature with the function address in front. */
    static final MethodHandle SGEMM = critical(CblasFunction.SGEMM);
    /** cblas_dgemm's signature with the function address in front. */
    static final MethodHandle DGEMM = critical(CblasFunction.DGEMM);

    private CblasDowncalls() {
    }

    /**
     * Critical with heap access: the arrays are passed in place, pinned for the call (see
     * {@link Cblas}).
     */
    @SuppressWarnings("restricted")
    private static MethodHandle critical(CblasFunction f) {
        return Linker.nativeLinker().downcallHandle(f.descriptor(), Linker.Option.critical(true));
    }
}
