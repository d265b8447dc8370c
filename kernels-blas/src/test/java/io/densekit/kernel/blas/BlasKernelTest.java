package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nativelib.LibraryOpener;
import io.densekit.nativelib.LibrarySpec;
import io.densekit.nativelib.LoadedLibrary;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.SearchEnvironment;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlasKernelTest {
    @TempDir
    Path tmp;

    /** An environment with no libraries anywhere, recording every load attempt. */
    private NativeLibraries emptyWorld(List<String> attempts) {
        LibraryOpener none = new LibraryOpener() {
            @Override
            public LoadedLibrary open(Path file) {
                attempts.add(file.toString());
                throw new IllegalArgumentException("Cannot open library: " + file);
            }

            @Override
            public LoadedLibrary openByName(String fileName) {
                attempts.add(fileName);
                throw new IllegalArgumentException("Cannot open library: " + fileName);
            }
        };
        return new NativeLibraries(new SearchEnvironment(v -> null, p -> null, tmp, tmp, none));
    }

    @Test
    void describingTheProviderLoadsNothing() {
        List<String> attempts = new ArrayList<>();
        NativeLibraries libs = emptyWorld(attempts);
        BlasKernelProvider p = new BlasKernelProvider(libs);
        assertThat(p.name()).isEqualTo("blas");
        assertThat(p.priority()).isEqualTo(50);
        assertThat(p.dtypes()).containsExactlyInAnyOrder(DType.F32, DType.F64);
        assertThat(p.device()).isEqualTo("cpu");
        assertThat(libs.searched(LibrarySpec.CBLAS)).isFalse();
        assertThat(attempts).isEmpty();
    }

    @Test
    void withoutCblasTheKernelIsUnavailableWithTheSearchReason() {
        List<String> attempts = new ArrayList<>();
        BlasKernelProvider p = new BlasKernelProvider(emptyWorld(attempts));
        Availability a = p.availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).startsWith("cblas not found; looked in: explicit path (densekit.cblas.path,"
                + " $DENSEKIT_CBLAS_PATH: unset); system loader path").contains("libopenblas.so.0")
                .contains("libmkl_rt.so");
        assertThat(attempts).contains("libopenblas.so.0", "libcblas.so.3", "libmkl_rt.so");
        assertThatThrownBy(p::create).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("blas kernel is unavailable: cblas not found");
    }

    @Test
    void registeredForDiscovery() {
        assertThat(Kernels.names()).contains("blas");
        io.densekit.kernel.KernelRegistry.Info info = Kernels.list().stream().filter(i -> i.name().equals("blas")).findFirst().orElseThrow();
        assertThat(info.priority()).isEqualTo(50);
        if (!info.available()) {
            assertThat(info.availability().reason()).startsWith("cblas not found");
        }
    }

    @Test
    void gemmHonoursRowSliceOffsets() {
        BlasKernelProvider p = new BlasKernelProvider();
        assumeTrue(p.availability().available(), () -> "blas kernel unavailable: " + p.availability().reason());
        Kernel blas = p.create();
        Kernel ref = new ReferenceKernel();
        assertThat(blas.details()).startsWith("gemm: ").contains("other operations: simd kernel");
        for (DType dt : DType.values()) {
            HostTensor big = HostTensor.zeros(dt, 9, 4);
            for (int i = 0; i < 36; i++) {
                big.setFlat(i, i % 7 - 3);
            }
            HostTensor a = big.rowSlice(2, 5);
            HostTensor b = big.rowSlice(5, 9);
            HostTensor out = HostTensor.zeros(dt, 6, 4);
            HostTensor c = out.rowSlice(3, 6);
            HostTensor expected = HostTensor.zeros(dt, 3, 4);
            ref.gemm(false, false, 1, a, b, 0, expected);
            blas.gemm(false, false, 1, a, b, 0, c);
            assertThat(c.toDoubleArray()).containsExactly(expected.toDoubleArray());
            assertThat(out.rowSlice(0, 3).toDoubleArray()).containsOnly(0.0);
        }
    }
}
