package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkspaceTest {
    @Test
    void aGathersIndexMapIsKeptWhileItsStrideRepeatsAndRefilledWhenItChanges() {
        Workspace ws = new Workspace();
        int[] first = ws.strides(784, 16);
        assertThat(first).hasSize(16).startsWith(0, 784, 1568).endsWith(15 * 784);
        assertThat(ws.strides(784, 16)).isSameAs(first);
        assertThat(ws.strides(64, 16)).startsWith(0, 64, 128).endsWith(15 * 64).isSameAs(first);
        assertThat(ws.strides(64, 8)).hasSize(8).endsWith(7 * 64);
        assertThat(ws.strides(784, 16)).startsWith(0, 784, 1568).endsWith(15 * 784);
        assertThat(Workspace.newStrides(9, 4)).containsExactly(0, 9, 18, 27);
    }
}
