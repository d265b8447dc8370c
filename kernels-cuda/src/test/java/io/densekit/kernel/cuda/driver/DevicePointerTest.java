package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Offsets add up on the Java side, without a GPU (the driver only ever sees the final address). */
class DevicePointerTest {
    @Test
    void offsetsAccumulate() {
        DevicePointer base = new DevicePointer();
        assertThat(base.address()).isZero();
        assertThat(base.plus(0)).isSameAs(base);
        assertThat(base.plus(16).address()).isEqualTo(16);
        assertThat(base.plus(16).plus(8).address()).isEqualTo(24);
    }
}
