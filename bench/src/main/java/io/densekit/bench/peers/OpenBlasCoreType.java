package io.densekit.bench.peers;

import io.densekit.bench.harness.Microarchitecture;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenBLAS kernels the peers run where OpenBLAS would pick slower ones itself: its releases up to
 * 0.3.31 (bytedeco's, Debian's 0.3.21) know AMD CPUs up to family 25 (Zen 4) and fall back to their
 * Haswell (AVX2) kernels on family 26 (Zen 5), which ran numpy's SGEMM at half the speed of their
 * AVX-512 ones there (n = 2048, 2 threads: 238-243 against 433-447 GFLOP/s). On such a CPU with
 * AVX-512, {@code OPENBLAS_CORETYPE} names the core OpenBLAS picks for Zen 4, the same flags'
 * choice (Cooperlake with AVX512-BF16, SkylakeX without). A value the user set is left alone. The
 * choice is printed in the report's header.
 *
 * @param value  the {@code OPENBLAS_CORETYPE} the peers get
 * @param reason why, for the header
 */
public record OpenBlasCoreType(String value, String reason) {
    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    private static final List<String> AVX512 = List.of("avx512f", "avx512bw", "avx512dq", "avx512vl");
    /** The last AMD family whose CPUs OpenBLAS up to 0.3.31 names (25: Zen 3 and Zen 4). */
    private static final int LAST_KNOWN_AMD_FAMILY = 25;

    /**
     * The core type for a CPU described by its vendor, family and flags, or none where OpenBLAS's own
     * choice stands; {@code userValue} is the variable as the user set it (null when unset).
     */
    public static Optional<OpenBlasCoreType> choose(String userValue, String vendor, int family, Set<String> flags) {
        if (userValue != null && !userValue.isBlank()) {
            return Optional.of(new OpenBlasCoreType(userValue, "set by the user"));
        }
        boolean amd = vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine");
        if (!amd || family <= LAST_KNOWN_AMD_FAMILY || !flags.containsAll(AVX512)) {
            return Optional.empty();
        }
        String core = flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX";
        return Optional.of(new OpenBlasCoreType(core, "set by densekit bench: OpenBLAS up to 0.3.31 does not know AMD family "
                + family + " and would run its Haswell (AVX2) kernels; " + core + " is its choice for Zen 4's flags"));
    }

    /** From the lines of a cpuinfo file and this process's environment; none when cpuinfo says too little. */
    public static Optional<OpenBlasCoreType> forThisMachine(List<String> cpuinfo) {
        String vendor = Microarchitecture.field(cpuinfo, "vendor_id");
        String family = Microarchitecture.field(cpuinfo, "cpu family");
        String flags = Microarchitecture.field(cpuinfo, "flags");
        String user = System.getenv(VARIABLE);
        if (vendor == null || family == null || flags == null || !family.matches("\\d+")) {
            return user == null || user.isBlank() ? Optional.empty()
                    : Optional.of(new OpenBlasCoreType(user, "set by the user"));
        }
        return choose(user, vendor, Integer.parseInt(family), Set.of(flags.split("\\s+")));
    }

    /** Adds the variable to a child process's environment. */
    public void applyTo(Map<String, String> env) {
        env.put(VARIABLE, value);
    }

    /**
     * Sets the variable in this process's C environment, which OpenBLAS reads when it is loaded; call
     * it before the peer's library is loaded (a library loaded before keeps the core it chose).
     * Java's own {@code System.getenv} does not see the change, so children get it through
     * {@link #applyTo}. Returns false where libc's {@code setenv} is not found or fails.
     */
    public boolean applyToThisProcess() {
        return setenv(VARIABLE, value);
    }

    /** libc's {@code setenv(name, value, 1)}; false where it is not found or fails. */
    static boolean setenv(String name, String value) {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> setenv = linker.defaultLookup().find("setenv");
        if (setenv.isEmpty()) {
            return false;
        }
        MethodHandle h = linker.downcallHandle(setenv.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            return (int) h.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** This choice where setting it in this process failed: the in-JVM peer keeps OpenBLAS's own choice. */
    OpenBlasCoreType notApplied() {
        return new OpenBlasCoreType(value, reason + "; NOT set for the in-JVM openblas peer (libc setenv failed),"
                + " which is then not at its best");
    }

    /** The header's line: "OPENBLAS_CORETYPE=SkylakeX (why)". */
    public String describe() {
        return VARIABLE + "=" + value + " (" + reason + ")";
    }
}
