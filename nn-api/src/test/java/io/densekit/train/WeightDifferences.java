package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.tensor.HostTensor;
import java.util.Map;

/** Float64 weights that should agree within rounding: the largest difference against the largest weight. */
public final class WeightDifferences {
    private WeightDifferences() {
    }

    /** Every tensor of {@code got} within {@code relative} times the largest magnitude of {@code want}'s. */
    public static void assertWithin(Map<String, HostTensor> got, Map<String, HostTensor> want, double relative) {
        want.forEach((name, t) -> {
            double[] a = t.toDoubleArray();
            double[] b = got.get(name).toDoubleArray();
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < a.length; i++) {
                scale = Math.max(scale, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertThat(diff).as(name + ": largest difference relative to the largest weight")
                    .isLessThanOrEqualTo(relative * scale);
        });
    }
}
