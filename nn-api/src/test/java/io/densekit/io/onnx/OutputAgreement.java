package io.densekit.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.parity.Mape;
import io.densekit.parity.PyTorchParitySuite;
import io.densekit.tensor.HostTensor;

/**
 * How two implementations' outputs of one model must agree, with the tolerances of the PyTorch
 * parity tests: float64 within MAPE {@value PyTorchParitySuite#F64_MAPE}; float32 as accurate as
 * the other float32 implementation, measured against a float64 reference (MAPE at most
 * {@value PyTorchParitySuite#F32_ACCURACY_FACTOR} times the other's, plus
 * {@value PyTorchParitySuite#F32_FLOOR}). NaN must be where the expected outputs have NaN, and
 * only there; the MAPE is over the other elements.
 */
public final class OutputAgreement {
    private OutputAgreement() {
    }

    /** float64: {@code actual} matches {@code expected}. Returns the MAPE. */
    public static double assertF64(String what, HostTensor actual, HostTensor expected) {
        double mape = mape(what, actual, expected);
        assertThat(mape).as("%s: f64 MAPE", what).isLessThanOrEqualTo(PyTorchParitySuite.F64_MAPE);
        return mape;
    }

    /**
     * float32: {@code actual} is as accurate as {@code other} (another float32 implementation's
     * outputs), both measured against {@code reference} (float64 outputs of the same weights).
     */
    public static double assertF32(String what, HostTensor actual, HostTensor other, HostTensor reference) {
        double ours = mape(what, actual, reference);
        double theirs = mape(what + " (the other implementation)", other, reference);
        assertThat(ours).as("%s: f32 MAPE vs f64 (the other float32: %.3g)", what, theirs)
                .isLessThanOrEqualTo(PyTorchParitySuite.F32_ACCURACY_FACTOR * theirs + PyTorchParitySuite.F32_FLOOR);
        return ours;
    }

    /** MAPE over the elements that are not NaN in {@code expected}; NaN must sit at the same places. */
    public static double mape(String what, HostTensor actual, HostTensor expected) {
        assertThat(actual.shape()).as("%s: shape", what).containsExactly(expected.shape());
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        boolean[] nan = new boolean[e.length];
        for (int i = 0; i < e.length; i++) {
            nan[i] = Double.isNaN(e[i]);
            assertThat(Double.isNaN(a[i])).as("%s: element %d is %s, expected %s", what, i, a[i], e[i]).isEqualTo(nan[i]);
        }
        double[] af = filter(a, nan);
        double[] ef = filter(e, nan);
        return Mape.of(af, ef);
    }

    private static double[] filter(double[] v, boolean[] drop) {
        return java.util.stream.IntStream.range(0, v.length).filter(i -> !drop[i]).mapToDouble(i -> v[i]).toArray();
    }
}
