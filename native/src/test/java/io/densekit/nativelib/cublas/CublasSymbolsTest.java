package io.densekit.nativelib.cublas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import org.junit.jupiter.api.Test;

/**
 * Every symbol {@link CublasFunction} declares exists in the real libcublas found here (no GPU is
 * needed to look symbols up). Skipped with the search's reason where no libcublas is found.
 */
class CublasSymbolsTest {
    @Test
    void everyDeclaredSymbolIsExportedByTheRealLibrary() {
        LibraryLookupResult lib = NativeLibraries.system().cublas();
        assumeTrue(lib.found(), () -> "no libcublas here: " + lib.reason());
        for (CublasFunction f : CublasFunction.values()) {
            assertThat(lib.symbols().find(f.symbol())).as("%s in %s", f.symbol(), lib.location()).isPresent();
        }
        assertThat(Cublas.bind(lib).location()).isEqualTo(lib.location());
    }
}
