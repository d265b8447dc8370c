package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.cuda.driver.CuResultNames;
import io.densekit.kernel.cuda.driver.CudaKernels;
import io.densekit.kernel.cuda.driver.CudaModuleLoadException;
import io.densekit.kernel.cuda.driver.DeviceContext;
import io.densekit.kernel.cuda.driver.DeviceInfo;
import io.densekit.kernel.cuda.driver.ModuleImage;
import io.densekit.kernel.cuda.driver.ModuleImages;
import io.densekit.kernel.cuda.driver.ModuleLoader;
import io.densekit.tensor.DType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which form of the kernel module the driver loads (the GPU's cubin first, the PTX as the
 * fallback), and what a refusal reads like: each form's status by name and the driver's JIT
 * logs. On the emulator and on a GPU; the emulator loads cubins of its sm_90 family only, as a
 * driver does.
 */
class CudaModuleFormTest {
    @RegisterExtension
    static final GpuKernel gpu = new GpuKernel(CudaConfig::fromSystem);

    @Test
    void theKernelLoadsTheCubinOfItsGpuAndSaysSo() {
        CudaKernel k = gpu.get();
        DeviceInfo d = info(k);
        List<ModuleImage> forms = ModuleImages.forDevice(d.major(), d.minor());
        assertThat(k.moduleForm()).isEqualTo(forms.getFirst().label());
        assertThat(k.details()).contains("kernels: " + forms.getFirst().label());
    }

    @Test
    void aCubinForAnotherFamilyIsRefusedAndThePtxLoads() {
        DeviceInfo d = info(gpu.get());
        ModuleImage foreign = ModuleImages.allCubins().stream().filter(c -> !c.runsOn(d.major(), d.minor()))
                .findFirst().orElseThrow();
        try (DeviceContext c = DeviceContext.open(d, List.of(foreign, ModuleImages.ptx()))) {
            assertThat(c.moduleForm()).startsWith("PTX (compute_75").contains("after " + foreign.label())
                    .contains("CUDA_ERROR_NO_BINARY_FOR_GPU (209)");
            assertThat(c.function(CudaKernels.name("dk_sgd_update", DType.F32))).isNotNull();
        }
    }

    @Test
    void aDamagedCubinFallsBackToThePtx() {
        DeviceInfo d = info(gpu.get());
        byte[] image = ModuleImages.forDevice(d.major(), d.minor()).getFirst().image().clone();
        image[18] = 62; // e_machine: x86-64 instead of CUDA
        ModuleImage damaged = new ModuleImage(ModuleImage.Kind.CUBIN, 90, image);
        try (DeviceContext c = DeviceContext.open(d, List.of(damaged, ModuleImages.ptx()))) {
            assertThat(c.moduleForm()).startsWith("PTX (compute_75").contains("after sm_90 cubin: CUDA_ERROR_");
        }
    }

    @Test
    void ptxTheDriverCannotCompileFailsWithItsNameAndTheJitLog() {
        DeviceInfo d = info(gpu.get());
        String ptx = CudaKernels.ptx().replaceFirst("(?m)^\\.target sm_75$",
                ".target sm_" + (d.major() * 10 + d.minor() + 10));
        byte[] image = Arrays.copyOf(ptx.getBytes(StandardCharsets.US_ASCII), ptx.length() + 1);
        ModuleImage tooNew = new ModuleImage(ModuleImage.Kind.PTX, 75, image);
        assertThatThrownBy(() -> DeviceContext.open(d, List.of(tooNew)))
                .isInstanceOfSatisfying(CudaModuleLoadException.class, e -> {
                    ModuleLoader.Attempt a = e.attempts().getFirst();
                    assertThat(a.loaded()).isFalse();
                    assertThat(a.errorLog()).as("the driver's JIT error log").isNotBlank();
                    assertThat(e.getMessage()).contains("no form of densekit's kernels loads on " + d.device())
                            .contains(CuResultNames.describe(a.status())).contains("JIT error log: " + a.errorLog());
                });
    }

    private static DeviceInfo info(CudaKernel k) {
        return k.deviceInfo();
    }
}
