package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernel;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A GPU kernel for a test class: opened before its first test, closed after its last, and every
 * test skipped with the reason where no GPU is usable (see {@link Gpu}). Register it as
 * {@code @RegisterExtension static final GpuKernel gpu = new GpuKernel(CudaConfig::fromSystem);}
 * and use {@link #get()} in the tests.
 */
final class GpuKernel implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<CudaConfig> config;
    private CudaKernel kernel;

    GpuKernel(Supplier<CudaConfig> config) {
        this.config = config;
    }

    /** The open kernel (null only while no GPU is usable, when every test is skipped anyway). */
    CudaKernel get() {
        return kernel;
    }

    /** The check of a suite's one plain test, which reports its skip where there is no GPU (surefire lists no skipped factories). */
    static void assertIsTheGpu(Kernel k) {
        assertThat(k.name()).isEqualTo("cuda");
        assertThat(k.device()).startsWith("cuda:");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        kernel = Gpu.openOrNull(config.get());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Gpu.assume();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kernel != null) {
            kernel.close();
            kernel = null;
        }
    }
}
