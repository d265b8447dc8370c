package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlasLibraryChoiceTest {
    @TempDir
    Path home;

    private NativeLibraries with(Map<String, String> properties, Map<String, String> env) {
        return new NativeLibraries(new SearchEnvironment(env::get, properties::get, home, Path.of("/"),
                LibraryOpener.dynamicLoader()));
    }

    @Test
    void anUnknownChoiceIsOneLineNamingTheValidOnes() {
        assertThatThrownBy(() -> BlasLibraryChoice.parse("mkl"))
                .hasMessage("unknown BLAS library 'mkl'; expected one of system, bytedeco");
        LibraryLookupResult r = with(Map.of(BlasLibraryChoice.PROPERTY, "mkl"), Map.of()).chosenCblas();
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).isEqualTo(
                "densekit.blas.library=mkl: unknown BLAS library 'mkl'; expected one of system, bytedeco");
    }

    @Test
    void thePropertyWinsOverTheVariable() {
        LibraryLookupResult r = with(Map.of(BlasLibraryChoice.PROPERTY, "nonsense"),
                Map.of(BlasLibraryChoice.ENV_VAR, "bytedeco")).chosenCblas();
        assertThat(r.reason()).startsWith("densekit.blas.library=nonsense:");
        LibraryLookupResult v = with(Map.of(), Map.of(BlasLibraryChoice.ENV_VAR, "nonsense")).chosenCblas();
        assertThat(v.reason()).startsWith("$DENSEKIT_BLAS_LIBRARY=nonsense:");
    }

    @Test
    void bytedecoAskedForAndAbsentIsAReasonNotAFallBack() {
        // native's own tests have no bytedeco jar on the class path.
        LibraryLookupResult r = with(Map.of(BlasLibraryChoice.PROPERTY, "bytedeco"), Map.of()).chosenCblas();
        assertThat(r.found()).isFalse();
        assertThat(r.reason()).isEqualTo("densekit.blas.library=bytedeco: bytedeco openblas not found: no "
                + "org/bytedeco/openblas/linux-x86_64/libopenblas.so.0 on the class path (put org.bytedeco:openblas"
                + " (classifier linux-x86_64) on the class path)");
    }

    @Test
    void copiesIntoTheCacheFolderOfTheGivenHome() {
        BytedecoOpenBlas b = new BytedecoOpenBlas(getClass().getClassLoader(),
                new SearchEnvironment(n -> null, n -> null, home, Path.of("/"), LibraryOpener.dynamicLoader()));
        assertThat(b.cacheRoot()).isEqualTo(home.resolve(".cache/densekit"));
        BytedecoOpenBlas x = new BytedecoOpenBlas(getClass().getClassLoader(), new SearchEnvironment(
                n -> n.equals("XDG_CACHE_HOME") ? "/tmp/xdg" : null, n -> null, home, Path.of("/"),
                LibraryOpener.dynamicLoader()));
        assertThat(x.cacheRoot()).isEqualTo(Path.of("/tmp/xdg/densekit"));
    }
}
