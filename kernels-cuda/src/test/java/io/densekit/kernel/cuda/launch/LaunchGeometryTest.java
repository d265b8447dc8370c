package io.densekit.kernel.cuda.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchGeometryTest {
    @Test
    void elementwiseUsesOneThreadPerElementUpToTheGridCap() {
        assertThat(LaunchGeometry.elementwise(1)).isEqualTo(new Grid(1, 256, 1));
        assertThat(LaunchGeometry.elementwise(256)).isEqualTo(new Grid(1, 256, 1));
        assertThat(LaunchGeometry.elementwise(257)).isEqualTo(new Grid(2, 256, 1));
        assertThat(LaunchGeometry.elementwise(4096L * 1024)).isEqualTo(new Grid(16384, 256, 1));
        // Beyond the cap the grid-stride loop covers the rest.
        assertThat(LaunchGeometry.elementwise(1L << 40).gridX()).isEqualTo(LaunchGeometry.MAX_ELEMENT_GRID);
    }

    @Test
    void rowKernelsGetOneBlockPerRowSizedToTheRowWidth() {
        assertThat(LaunchGeometry.rows(333, 3)).isEqualTo(new Grid(333, 32, 1));
        assertThat(LaunchGeometry.rows(512, 10)).isEqualTo(new Grid(512, 32, 1));
        assertThat(LaunchGeometry.rows(5, 32)).isEqualTo(new Grid(5, 32, 1));
        assertThat(LaunchGeometry.rows(5, 33)).isEqualTo(new Grid(5, 64, 1));
        assertThat(LaunchGeometry.rows(5, 127)).isEqualTo(new Grid(5, 128, 1));
        assertThat(LaunchGeometry.rows(5, 1024)).isEqualTo(new Grid(5, 256, 1));
        assertThat(LaunchGeometry.rows(100_000, 1).gridX()).isEqualTo(65535);
    }

    @Test
    void columnSumsUse32By8Blocks() {
        assertThat(LaunchGeometry.columns(1)).isEqualTo(new Grid(1, 32, 8));
        assertThat(LaunchGeometry.columns(33)).isEqualTo(new Grid(2, 32, 8));
        assertThat(LaunchGeometry.columns(1024)).isEqualTo(new Grid(32, 32, 8));
    }

    @Test
    void emptyWorkAndOversizedBlocksAreRefused() {
        assertThatThrownBy(() -> LaunchGeometry.elementwise(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaunchGeometry.rows(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LaunchGeometry.columns(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Grid(1, 1024, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
