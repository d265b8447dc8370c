package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CuResultNamesTest {
    @Test
    void namesTheCodesOfCuda13() {
        assertThat(CuResultNames.nameOrNull(0)).isEqualTo("CUDA_SUCCESS");
        assertThat(CuResultNames.nameOrNull(209)).isEqualTo("CUDA_ERROR_NO_BINARY_FOR_GPU");
        assertThat(CuResultNames.nameOrNull(218)).isEqualTo("CUDA_ERROR_INVALID_PTX");
        assertThat(CuResultNames.nameOrNull(222)).isEqualTo("CUDA_ERROR_UNSUPPORTED_PTX_VERSION");
        assertThat(CuResultNames.nameOrNull(700)).isEqualTo("CUDA_ERROR_ILLEGAL_ADDRESS");
        assertThat(CuResultNames.nameOrNull(999)).isEqualTo("CUDA_ERROR_UNKNOWN");
    }

    @Test
    void namesCodesNewerThanJCudasTable() {
        // JCuda 12.6's CUresult.stringFor does not know this one.
        assertThat(CuResultNames.describe(916)).isEqualTo("CUDA_ERROR_KEY_ROTATION (916)");
        assertThat(new CudaDriverException("cuLaunchKernel(dk_x_f32)", 916))
                .hasMessage("cuLaunchKernel(dk_x_f32) failed: CUDA_ERROR_KEY_ROTATION (916)");
    }

    @Test
    void anUnknownCodeSaysSo() {
        assertThat(CuResultNames.nameOrNull(4242)).isNull();
        assertThat(CuResultNames.describe(4242)).isEqualTo("CUresult 4242 (not in CUDA 13's cuda.h)");
    }
}
