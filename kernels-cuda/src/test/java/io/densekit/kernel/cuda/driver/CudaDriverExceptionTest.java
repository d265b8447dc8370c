package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CudaDriverExceptionTest {
    @Test
    void namesTheCallAndTheStatus() {
        CudaDriverException e = new CudaDriverException("cuMemAlloc(1024 bytes)", 2);
        assertThat(e).hasMessage("cuMemAlloc(1024 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (2)");
        assertThat(e.status()).isEqualTo(2);
        assertThat(e.sticky()).isFalse();
    }

    @Test
    void saysWhenTheContextIsLost() {
        CudaDriverException e = new CudaDriverException("cuStreamSynchronize", 700);
        assertThat(e.sticky()).isTrue();
        assertThat(e.getMessage()).contains("CUDA_ERROR_ILLEGAL_ADDRESS").contains("restart the JVM");
    }

    @Test
    void checkPassesSuccessAndThrowsOtherwise() {
        Cu.check(0, "cuInit");
        assertThatThrownBy(() -> Cu.check(100, "cuInit")).isInstanceOf(CudaDriverException.class)
                .hasMessageContaining("CUDA_ERROR_NO_DEVICE");
    }

    @Test
    void deviceInfoKnowsTheOldestSupportedGpu() {
        assertThat(new DeviceInfo(0, "T4", 7, 5, 16L << 30, 12040).supported()).isTrue();
        assertThat(new DeviceInfo(0, "V100", 7, 0, 16L << 30, 12040).supported()).isFalse();
        DeviceInfo h100 = new DeviceInfo(1, "NVIDIA H100", 9, 0, 80L << 30, 13000);
        assertThat(h100.device()).isEqualTo("cuda:1 NVIDIA H100");
        assertThat(h100.describe()).isEqualTo("sm_90, 80.0 GiB, driver CUDA 13.0");
    }
}
