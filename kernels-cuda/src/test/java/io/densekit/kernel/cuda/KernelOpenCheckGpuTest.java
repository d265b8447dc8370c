package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.cuda.bench.KernelOpenCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first-contact check that the GPU script runs from Java, on the emulator or a GPU. */
class KernelOpenCheckGpuTest {
    @RegisterExtension
    static final GpuKernel gpu = new GpuKernel(CudaConfig::fromSystem);

    @Test
    void opensTheKernelAndAgreesWithTheReference() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = KernelOpenCheck.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        assertThat(out).contains("kernels loaded: " + gpu.get().moduleForm())
                .contains("PASS gemm f32").contains("PASS gemm f64")
                .contains("PASS launch f32").contains("PASS launch f64").doesNotContain("FAIL");
    }
}
