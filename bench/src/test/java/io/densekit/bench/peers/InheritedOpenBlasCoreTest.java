package io.densekit.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InheritedOpenBlasCoreTest {
    @Test
    void onlyASetValueCounts() {
        assertThat(InheritedOpenBlasCore.in(Map.of())).isEmpty();
        assertThat(InheritedOpenBlasCore.in(Map.of("OPENBLAS_CORETYPE", " "))).isEmpty();
        assertThat(InheritedOpenBlasCore.in(Map.of("OPENBLAS_CORETYPE", "Haswell"))).get()
                .extracting(InheritedOpenBlasCore::value).isEqualTo("Haswell");
    }

    @Test
    void theHeaderSaysWhatWasDone() {
        InheritedOpenBlasCore c = new InheritedOpenBlasCore("Haswell");
        assertThat(c.describe(true)).isEqualTo("OPENBLAS_CORETYPE=Haswell from the environment not given to the"
                + " peers: each runs the core OpenBLAS detects");
        assertThat(c.describe(false)).contains("NOT cleared for the in-JVM openblas peer");
    }

    @Test
    void childrenLoseIt() {
        Map<String, String> env = new HashMap<>(Map.of("LD_PRELOAD", "x.so"));
        new InheritedOpenBlasCore("Haswell").removeFrom(env);
        assertThat(env).containsEntry("OPENBLAS_CORETYPE", null).containsEntry("LD_PRELOAD", "x.so");
    }

    /** The C environment is what a library loaded later reads; a test variable, so no OpenBLAS here is touched. */
    @Test
    void unsetenvClearsTheCEnvironment() throws Throwable {
        String name = "DENSEKIT_CORETYPE_TEST_" + ProcessHandle.current().pid();
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle getenv = linker.downcallHandle(linker.defaultLookup().find("getenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment n = arena.allocateFrom(name);
            assertThat((int) setenv.invokeExact(n, arena.allocateFrom("Haswell"), 1)).isZero();
            assertThat(((MemorySegment) getenv.invokeExact(n)).address()).isNotZero();
            assertThat(InheritedOpenBlasCore.unsetenv(name)).isTrue();
            assertThat(((MemorySegment) getenv.invokeExact(n)).address()).isZero();
        }
    }
}
