package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.conformance.KernelConformanceSuite;
import io.densekit.nativelib.BlasLibraryChoice;
import io.densekit.nativelib.LibraryOpener;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.SearchEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blas kernel on bytedeco's OpenBLAS (densekit.blas.library=bytedeco) against the reference
 * kernel: the whole conformance suite; skipped with the reason where that library cannot load here.
 */
class BytedecoBlasConformanceTest extends KernelConformanceSuite {
    @TempDir
    static Path home;
    private static Kernel kernel;

    @BeforeAll
    static void create() {
        BlasKernelProvider provider = new BlasKernelProvider(new NativeLibraries(environment(home)));
        Availability a = provider.availability();
        assumeTrue(a.available(), () -> "blas kernel on bytedeco's OpenBLAS unavailable: " + a.reason());
        kernel = provider.create();
    }

    /** This process's environment with the choice set and a fresh home (its cache folder). */
    static SearchEnvironment environment(Path home) {
        Map<String, String> properties = Map.of(BlasLibraryChoice.PROPERTY, "bytedeco");
        return new SearchEnvironment(name -> name.equals("XDG_CACHE_HOME") ? null : System.getenv(name),
                name -> properties.getOrDefault(name, System.getProperty(name)), home, Path.of("/"),
                LibraryOpener.dynamicLoader());
    }

    @Override
    protected Kernel kernel() {
        return kernel;
    }

    @Test
    void namesTheBytedecoLibraryAndItsVersion() {
        assertThat(kernel.details()).contains("org.bytedeco:openblas").contains("OpenBLAS 0.3.31");
    }
}
