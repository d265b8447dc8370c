package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.densekit.kernel.Availability;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.nativelib.LibraryOpener;
import io.densekit.nativelib.LoadedLibrary;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.SearchEnvironment;
import io.densekit.tensor.DType;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery without a GPU: the reasons, the laziness, and how the registry moves on. */
class CudaKernelProviderTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();

    /** A loader that knows no library at all, as on a machine without the NVIDIA driver. */
    private static final LibraryOpener NOTHING = new LibraryOpener() {
        @Override
        public LoadedLibrary open(Path file) {
            throw new IllegalArgumentException("cannot open " + file);
        }

        @Override
        public LoadedLibrary openByName(String fileName) {
            throw new IllegalArgumentException(fileName + ": cannot open shared object file: No such file or directory");
        }
    };

    private CudaKernelProvider providerWithoutDriver() {
        NativeLibraries libs = new NativeLibraries(new SearchEnvironment(env::get, properties::get, tmp.resolve("home"),
                tmp.resolve("root"), NOTHING));
        return new CudaKernelProvider(() -> libs, () -> new CudaConfig(0, false));
    }

    @Test
    void describesItselfWithoutTouchingAnything() {
        AtomicInteger asked = new AtomicInteger();
        CudaKernelProvider p = new CudaKernelProvider(() -> {
            asked.incrementAndGet();
            throw new AssertionError("libraries must not be asked for at construction");
        }, () -> new CudaConfig(0, false));
        assertThat(p.name()).isEqualTo("cuda");
        assertThat(p.priority()).isEqualTo(200);
        assertThat(p.dtypes()).containsExactlyInAnyOrder(DType.F32, DType.F64);
        assertThat(p.device()).isEqualTo("cuda");
        assertThat(asked).hasValue(0);
    }

    @Test
    void withoutADriverItIsUnavailableAndTheReasonSaysWhereItLooked() {
        Availability a = providerWithoutDriver().availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason())
                .startsWith("no NVIDIA driver: libcuda not found; looked in: ")
                .contains("explicit path (densekit.cuda.driver.path, $DENSEKIT_CUDA_DRIVER_PATH: unset)")
                .contains("system loader path")
                .contains("libcuda.so.1");
    }

    @Test
    void anExplicitDriverPathThatHoldsNothingIsNamed() {
        properties.put("densekit.cuda.driver.path", tmp.resolve("nowhere/libcuda.so.1").toString());
        Availability a = providerWithoutDriver().availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("explicit path densekit.cuda.driver.path=").contains("no such file");
    }

    @Test
    void theOutcomeIsCheckedOnceAndNeverThrows() {
        AtomicInteger asked = new AtomicInteger();
        CudaKernelProvider p = new CudaKernelProvider(() -> {
            asked.incrementAndGet();
            throw new IllegalStateException("discovery exploded");
        }, () -> new CudaConfig(0, false));
        Availability a = p.availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("discovery exploded");
        assertThat(p.availability()).isEqualTo(a);
        assertThat(asked).hasValue(1);
    }

    @Test
    void invalidSettingsMakeItUnavailableWithTheSetting() {
        CudaKernelProvider p = new CudaKernelProvider(() -> {
            throw new AssertionError("not reached");
        }, () -> CudaConfig.from(k -> k.equals(CudaConfig.DEVICE_PROPERTY) ? "x" : null, k -> null));
        assertThat(p.availability().reason()).startsWith("invalid cuda settings").contains(CudaConfig.DEVICE_PROPERTY);
    }

    @Test
    void createWhenUnavailableThrowsTheReason() {
        assertThatThrownBy(() -> providerWithoutDriver().create())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cuda kernel is unavailable: no NVIDIA driver: libcuda not found");
    }

    @Test
    void theRegistryMovesOnAndAStrictRequestFailsWithTheReason() {
        KernelRegistry registry = new KernelRegistry(List.of(providerWithoutDriver(), new ReferenceKernelProvider()));
        assertThat(registry.names()).containsExactly("cuda", "reference");
        KernelRegistry.Info info = registry.list().getFirst();
        assertThat(info.name()).isEqualTo("cuda");
        assertThat(info.available()).isFalse();
        assertThat(info.availability().reason()).contains("libcuda not found");

        assertThat(registry.best(Optional.empty(), false).name()).isEqualTo("reference");
        assertThat(registry.best(Optional.of("cuda"), false).name()).isEqualTo("reference");
        assertThatThrownBy(() -> registry.best(Optional.of("cuda"), true))
                .isInstanceOf(KernelUnavailableException.class)
                .hasMessageContaining("kernel 'cuda' is unavailable: no NVIDIA driver: libcuda not found; looked in:");
        assertThatThrownBy(() -> registry.byName("cuda")).isInstanceOf(KernelUnavailableException.class);
    }

    @Test
    void onThisMachineWithoutADriverTheRealSearchSaysSoToo() {
        NativeLibraries system = NativeLibraries.system();
        assumeFalse(system.lookup(CudaDriverLibrary.SPEC).found(), "this machine has an NVIDIA driver");
        Availability a = new CudaKernelProvider().availability();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("libcuda not found; looked in:").contains("system loader path");
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(ServiceLoader.load(KernelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(CudaKernelProvider.class);
    }
}
