package io.densekit.nativelib.cblas;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The vendor extensions a CBLAS library may offer besides CBLAS: its thread count (OpenBLAS, MKL)
 * and its build description (OpenBLAS). All optional: a library without them simply reports empty,
 * so benchmarks can give the BLAS the same number of threads as the kernel it is compared with.
 */
public final class BlasThreads {
    private final MethodHandle setThreads;
    private final MethodHandle getThreads;
    private final MethodHandle config;

    private BlasThreads(MethodHandle setThreads, MethodHandle getThreads, MethodHandle config) {
        this.setThreads = setThreads;
        this.getThreads = getThreads;
        this.config = config;
    }

    @SuppressWarnings("restricted")
    static BlasThreads bind(SymbolLookup symbols) {
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor setter = FunctionDescriptor.ofVoid(JAVA_INT);
        FunctionDescriptor getter = FunctionDescriptor.of(JAVA_INT);
        MethodHandle set = first(symbols, linker, setter, "openblas_set_num_threads", "MKL_Set_Num_Threads");
        MethodHandle get = first(symbols, linker, getter, "openblas_get_num_threads", "MKL_Get_Max_Threads");
        MethodHandle cfg = first(symbols, linker, FunctionDescriptor.of(ADDRESS), "openblas_get_config");
        return new BlasThreads(set, get, cfg);
    }

    private static MethodHandle first(SymbolLookup symbols, Linker linker, FunctionDescriptor d, String... names) {
        for (String n : names) {
            Optional<MemorySegment> s = symbols.find(n);
            if (s.isPresent()) {
                return linker.downcallHandle(s.get(), d);
            }
        }
        return null;
    }

    /** The library's thread count, when it says. */
    public OptionalInt threads() {
        if (getThreads == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of((int) getThreads.invokeExact());
        } catch (Throwable t) {
            return OptionalInt.empty();
        }
    }

    /** Sets the library's (process-wide) thread count; false when the library offers no way to. */
    public boolean setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("BLAS thread count must be >= 1, got " + threads);
        }
        if (setThreads == null) {
            return false;
        }
        try {
            setThreads.invokeExact(threads);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** OpenBLAS's build description (version, target, threading), when available. */
    @SuppressWarnings("restricted")
    public Optional<String> config() {
        if (config == null) {
            return Optional.empty();
        }
        try {
            MemorySegment s = (MemorySegment) config.invokeExact();
            return s.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(s.reinterpret(4096).getString(0).trim());
        } catch (Throwable t) {
            return Optional.empty();
        }
    }
}
