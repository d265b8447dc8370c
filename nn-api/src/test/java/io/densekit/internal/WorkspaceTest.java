package io.densekit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.Tensor;
import org.junit.jupiter.api.Test;

class WorkspaceTest {

    @Test
    void reusesBuffersPerRowCountAndEvictsTheLeastRecentlyUsed() {
        Workspace w = new Workspace(new ReferenceKernel(), DType.F32, 3);
        Tensor a = w.get(333);
        Tensor b = w.get(1);
        assertThat(w.get(333)).isSameAs(a);
        assertThat(a.shape()).containsExactly(333, 3);
        w.get(10);
        w.get(20);
        // Four distinct sizes fit; a fifth evicts the least recently used (1, not 333).
        w.get(30);
        assertThat(w.get(333)).isSameAs(a);
        assertThat(w.get(1)).isNotSameAs(b);
        w.close();
    }
}
