package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.SearchEnvironment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both OpenBLAS copies in one JVM: bytedeco's (same soname as the system's) must not stand in for
 * the system's library when the system search asks the loader for "libopenblas.so.0" by name.
 */
class BytedecoBesideSystemBlasTest {
    @Test
    void theSystemSearchStillFindsTheSystemsLibrary(@TempDir Path home) {
        NativeLibraries withBytedeco = new NativeLibraries(BytedecoBlasConformanceTest.environment(home));
        LibraryLookupResult bytedeco = withBytedeco.chosenCblas();
        assumeTrue(bytedeco.found(), () -> "bytedeco's OpenBLAS unavailable: " + bytedeco.reason());
        LibraryLookupResult system = new NativeLibraries(SearchEnvironment.system()).cblas();
        assumeTrue(system.found(), () -> "no system CBLAS: " + system.reason());
        assertThat(system.location()).doesNotContain(home.toString());
        assertThat(bytedeco.location()).contains(home.toString()).contains("org.bytedeco:openblas");
    }
}
