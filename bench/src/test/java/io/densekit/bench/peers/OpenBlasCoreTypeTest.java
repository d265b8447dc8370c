package io.densekit.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTypeTest {
    private static final Set<String> ZEN5_FLAGS = Set.of("fma", "avx2", "avx512f", "avx512bw", "avx512dq",
            "avx512vl", "avx512_bf16");

    @Test
    void aZen5GetsTheCoreOpenBlasPicksForZen4sFlags() {
        assertThat(OpenBlasCoreType.choose(null, "AuthenticAMD", 26, ZEN5_FLAGS)).get()
                .extracting(OpenBlasCoreType::value).isEqualTo("Cooperlake");
        Set<String> noBf16 = new java.util.HashSet<>(ZEN5_FLAGS);
        noBf16.remove("avx512_bf16");
        assertThat(OpenBlasCoreType.choose("", "AuthenticAMD", 26, noBf16)).get()
                .extracting(OpenBlasCoreType::value).isEqualTo("SkylakeX");
        assertThat(OpenBlasCoreType.choose(null, "AuthenticAMD", 26, ZEN5_FLAGS).orElseThrow().describe())
                .startsWith("OPENBLAS_CORETYPE=Cooperlake (set by densekit bench: OpenBLAS up to 0.3.31 does not know AMD family 26");
    }

    @Test
    void cpusOpenBlasKnowsOrWithoutAvx512KeepItsOwnChoice() {
        assertThat(OpenBlasCoreType.choose(null, "AuthenticAMD", 25, ZEN5_FLAGS)).isEmpty(); // Zen 4
        assertThat(OpenBlasCoreType.choose(null, "GenuineIntel", 6, ZEN5_FLAGS)).isEmpty();
        assertThat(OpenBlasCoreType.choose(null, "AuthenticAMD", 26, Set.of("fma", "avx2"))).isEmpty();
        assertThat(OpenBlasCoreType.choose(null, "AuthenticAMD", 26, Set.of("avx512f", "avx2"))).isEmpty();
    }

    @Test
    void theUsersValueWins() {
        OpenBlasCoreType t = OpenBlasCoreType.choose("Haswell", "AuthenticAMD", 26, ZEN5_FLAGS).orElseThrow();
        assertThat(t.describe()).isEqualTo("OPENBLAS_CORETYPE=Haswell (set by the user)");
        assertThat(OpenBlasCoreType.choose("Zen", "GenuineIntel", 6, Set.of())).get()
                .extracting(OpenBlasCoreType::value).isEqualTo("Zen");
    }

    @Test
    void fromCpuinfoLines() {
        List<String> zen5 = List.of("vendor_id\t: AuthenticAMD", "cpu family\t: 26", "model\t\t: 2",
                "flags\t\t: " + String.join(" ", ZEN5_FLAGS));
        // Where the user set the variable for this test run, theirs is the answer.
        String user = System.getenv(OpenBlasCoreType.VARIABLE);
        String expected = user == null || user.isBlank() ? "Cooperlake" : user;
        assertThat(OpenBlasCoreType.forThisMachine(zen5)).get().extracting(OpenBlasCoreType::value).isEqualTo(expected);
        if (user == null || user.isBlank()) {
            assertThat(OpenBlasCoreType.forThisMachine(List.of("vendor_id\t: AuthenticAMD"))).isEmpty();
            assertThat(OpenBlasCoreType.forThisMachine(List.of())).isEmpty();
        }
    }

    @Test
    void childrenGetTheVariable() {
        Map<String, String> env = new HashMap<>();
        new OpenBlasCoreType("SkylakeX", "test").applyTo(env);
        assertThat(env).containsExactly(Map.entry("OPENBLAS_CORETYPE", "SkylakeX"));
    }

    /** The C environment is what a library loaded later reads; a test variable, so no OpenBLAS here sees it. */
    @Test
    void setenvReachesTheCEnvironment() throws Throwable {
        String name = "DENSEKIT_CORETYPE_TEST_" + ProcessHandle.current().pid();
        assertThat(OpenBlasCoreType.setenv(name, "SkylakeX")).isTrue();
        Linker linker = Linker.nativeLinker();
        MethodHandle getenv = linker.downcallHandle(linker.defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = (MemorySegment) getenv.invokeExact(arena.allocateFrom(name));
            assertThat(v.reinterpret(64).getString(0)).isEqualTo("SkylakeX");
        }
    }
}
