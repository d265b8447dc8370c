package io.densekit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;
import java.util.Map;

/** Comparisons of trained weights, bit for bit. */
final class SparkAssertions {
    private SparkAssertions() {
    }

    static Map<String, HostTensor> weights(DenseNetModel model) {
        try (Sequential s = model.toSequential(Kernels.byName("simd"))) {
            return s.state().export();
        }
    }

    static void assertSameBits(Map<String, HostTensor> got, Map<String, HostTensor> want, String what) {
        assertThat(got.keySet()).as(what).isEqualTo(want.keySet());
        want.forEach((name, t) ->
                assertThat(got.get(name).toDoubleArray()).as(what + ", " + name).containsExactly(t.toDoubleArray()));
    }
}
