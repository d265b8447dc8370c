package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Availability;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Where the GPU script requires the GPU, an unusable one fails the test instead of skipping it. */
class GpuRequiredTest {
    private static final Availability NONE = Availability.no("no NVIDIA driver: libcuda not found");

    @Test
    void anUnusableGpuSkipsByDefault() {
        assertThatThrownBy(() -> Gpu.requireOrSkip(NONE, false)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("needs a GPU; cuda kernel unavailable: no NVIDIA driver");
    }

    @Test
    void anUnusableGpuFailsWhenRequired() {
        assertThatThrownBy(() -> Gpu.requireOrSkip(NONE, true)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("-Ddensekit.test.cuda.required=true")
                .hasMessageContaining("no NVIDIA driver: libcuda not found");
    }

    @Test
    void aUsableGpuPassesEitherWay() {
        assertThatCode(() -> Gpu.requireOrSkip(Availability.yes(), true)).doesNotThrowAnyException();
        assertThatCode(() -> Gpu.requireOrSkip(Availability.yes(), false)).doesNotThrowAnyException();
    }
}
