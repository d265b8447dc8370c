package io.densekit.bench.peers;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code OPENBLAS_CORETYPE} this process inherited, which the peers do not get: it holds OpenBLAS
 * to one core's kernels instead of those it detects, and a peer runs at its best or the comparison
 * is void. A machine seen on 2026-12-07 (a Zen 5, on which OpenBLAS 0.3.21 and 0.3.31 detect
 * Cooperlake) had {@code OPENBLAS_CORETYPE=Haswell} in its environment: numpy's SGEMM on OpenBLAS
 * 0.3.31, n = 2048, 2 threads, ran 238-243 GFLOP/s with it and 418-447 without. The kernels keep
 * the variable (the {@code blas} kernel runs as the user configured it; the header shows its core).
 *
 * @param value the inherited value
 */
public record InheritedOpenBlasCore(String value) {
    public static final String VARIABLE = "OPENBLAS_CORETYPE";

    /** The variable in {@code environment}, if set and not blank. */
    public static Optional<InheritedOpenBlasCore> in(Map<String, String> environment) {
        String v = environment.get(VARIABLE);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(new InheritedOpenBlasCore(v));
    }

    /**
     * Removes the variable from this process's C environment, which OpenBLAS reads when it is
     * loaded: call it before the peer's library is loaded (a library loaded earlier keeps its core).
     * Java's {@code System.getenv} still shows it, so children lose it through {@link #removeFrom}.
     * False where libc's {@code unsetenv} is not found or fails.
     */
    public boolean clearInThisProcess() {
        return unsetenv(VARIABLE);
    }

    /** Marks the variable for removal from a child's environment (see {@link PythonProcess#start}). */
    public void removeFrom(Map<String, String> childEnvironment) {
        childEnvironment.put(VARIABLE, null);
    }

    /** The header's note; {@code cleared}: whether the in-JVM peer was spared it too. */
    public String describe(boolean cleared) {
        return VARIABLE + "=" + value + " from the environment " + (cleared
                ? "not given to the peers: each runs the core OpenBLAS detects"
                : "NOT cleared for the in-JVM openblas peer (libc unsetenv failed), which then is not at its best");
    }

    /** libc's {@code unsetenv(name)}; false where it is not found or fails. */
    static boolean unsetenv(String name) {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> unsetenv = linker.defaultLookup().find("unsetenv");
        if (unsetenv.isEmpty()) {
            return false;
        }
        MethodHandle h = linker.downcallHandle(unsetenv.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            return (int) h.invokeExact(arena.allocateFrom(name)) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
