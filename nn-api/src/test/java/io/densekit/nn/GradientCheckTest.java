package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Central finite differences in float64 against every analytic gradient: activations, losses (both
 * target forms), the Dense layer and a whole model. With step h = 1e-6 the difference quotient has
 * truncation error ~h^2 times the third derivative (relative 1e-12 here) and rounding error
 * ~u |f| / h (u = 1.1e-16), so an element passes when
 * |numeric - analytic| <= 1e-6 |analytic| + 16 u (|f| + 1) / h. A real gradient bug (a dropped
 * term, a wrong sign) is off by far more than either term.
 */
class GradientCheckTest {
    private static final double H = 1e-6;
    private static final double REL = 1e-6;
    private static final double U = 0x1p-53;
    private final Kernel k = new ReferenceKernel();

    /** |f| at the point of the last numeric gradient: the rounding term's scale. */
    private double fScale;

    /** d f / d x_i for every element of x, by central differences (x is restored). */
    private HostTensor numericGradient(HostTensor x, ToDoubleFunction<HostTensor> f) {
        fScale = Math.abs(f.applyAsDouble(x));
        HostTensor g = HostTensor.zeros(DType.F64, x.shape());
        for (int i = 0; i < x.size(); i++) {
            double v = x.getFlat(i);
            x.setFlat(i, v + H);
            double up = f.applyAsDouble(x);
            x.setFlat(i, v - H);
            double down = f.applyAsDouble(x);
            x.setFlat(i, v);
            g.setFlat(i, (up - down) / (2 * H));
        }
        return g;
    }

    private void assertGradient(String what, HostTensor numeric, HostTensor analytic) {
        double rounding = 16 * U * (fScale + 1) / H;
        for (int i = 0; i < numeric.size(); i++) {
            double err = Math.abs(numeric.getFlat(i) - analytic.getFlat(i));
            double bound = REL * Math.abs(analytic.getFlat(i)) + rounding;
            assertThat(err).as("%s element %d: numeric %s analytic %s", what, i, numeric.getFlat(i), analytic.getFlat(i))
                    .isLessThanOrEqualTo(bound);
        }
    }

    /** Inputs away from ReLU's kink so the finite difference does not straddle it. */
    private static HostTensor awayFromZero(HostTensor t) {
        for (int i = 0; i < t.size(); i++) {
            double v = t.getFlat(i);
            if (Math.abs(v) < 0.05) {
                t.setFlat(i, v < 0 ? v - 0.1 : v + 0.1);
            }
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationBackwardMatchesFiniteDifferences(Activation act) {
        RandomTensors rnd = new RandomTensors(act.ordinal());
        HostTensor z = awayFromZero(rnd.normalish(DType.F64, 5, 7));
        HostTensor g = rnd.normalish(DType.F64, 5, 7);
        ToDoubleFunction<HostTensor> objective = zz -> {
            HostTensor a = HostTensor.zeros(DType.F64, 5, 7);
            k.activationForward(act, zz, a);
            return dot(g, a);
        };
        HostTensor a = HostTensor.zeros(DType.F64, 5, 7);
        k.activationForward(act, z, a);
        HostTensor analytic = HostTensor.zeros(DType.F64, 5, 7);
        k.activationBackward(act, a, g, analytic);
        HostTensor numeric = numericGradient(z, objective);
        assertGradient(act.toString(), numeric, analytic);
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void lossGradientMatchesFiniteDifferencesDenseTargets(LossKind loss) {
        RandomTensors rnd = new RandomTensors(100 + loss.ordinal());
        int n = 6;
        int c = 4;
        HostTensor pred = switch (loss) {
            case BCE -> rnd.uniform(DType.F64, n, c, 0.05, 0.95);
            case NLL -> rnd.uniform(DType.F64, n, c, -3, -0.1);
            default -> rnd.normalish(DType.F64, n, c);
        };
        HostTensor target = switch (loss) {
            case BCE -> rnd.uniform(DType.F64, n, c, 0, 1);
            case CROSS_ENTROPY, NLL -> rnd.probabilities(DType.F64, n, c);
            default -> rnd.normalish(DType.F64, n, c);
        };
        checkLoss(loss, pred, target);
    }

    @ParameterizedTest
    @EnumSource(value = LossKind.class, names = {"CROSS_ENTROPY", "NLL"})
    void lossGradientMatchesFiniteDifferencesClassIndices(LossKind loss) {
        RandomTensors rnd = new RandomTensors(200 + loss.ordinal());
        HostTensor pred = loss == LossKind.NLL ? rnd.uniform(DType.F64, 6, 4, -3, -0.1) : rnd.normalish(DType.F64, 6, 4);
        checkLoss(loss, pred, rnd.classIndices(DType.F64, 6, 4));
    }

    private void checkLoss(LossKind loss, HostTensor pred, HostTensor target) {
        HostTensor analytic = HostTensor.zeros(DType.F64, pred.rows(), pred.cols());
        k.lossGradient(loss, pred, target, analytic);
        HostTensor numeric = numericGradient(pred, p -> k.loss(loss, p, target));
        assertGradient(loss.toString(), numeric, analytic);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseGradientsMatchFiniteDifferences(Activation act) {
        RandomTensors rnd = new RandomTensors(300 + act.ordinal());
        int n = 5;
        int in = 4;
        int out = 3;
        HostTensor x = rnd.normalish(DType.F64, n, in);
        HostTensor w = rnd.uniform(DType.F64, out, in, -1, 1);
        HostTensor b = rnd.uniform(DType.F64, 1, out, -1, 1).reshape(out);
        HostTensor g = rnd.normalish(DType.F64, n, out);
        ToDoubleFunction<HostTensor> byX = xx -> denseObjective(xx, w, b, act, g);
        ToDoubleFunction<HostTensor> byW = ww -> denseObjective(x, ww, b, act, g);
        ToDoubleFunction<HostTensor> byB = bb -> denseObjective(x, w, bb, act, g);
        HostTensor a = HostTensor.zeros(DType.F64, n, out);
        k.denseForward(x, w, b, act, a);
        HostTensor gW = HostTensor.zeros(DType.F64, out, in);
        HostTensor gB = HostTensor.zeros(DType.F64, out);
        HostTensor gX = HostTensor.zeros(DType.F64, n, in);
        k.denseBackward(x, w, a, act, g.copy(), gW, gB, gX);
        HostTensor numW = numericGradient(w, byW);
        assertGradient("dense " + act + " dW", numW, gW);
        HostTensor numB = numericGradient(b, byB);
        assertGradient("dense " + act + " db", numB, gB);
        HostTensor numX = numericGradient(x, byX);
        assertGradient("dense " + act + " dx", numX, gX);
    }

    private double denseObjective(HostTensor x, HostTensor w, HostTensor b, Activation act, HostTensor g) {
        HostTensor a = HostTensor.zeros(DType.F64, x.rows(), w.rows());
        k.denseForward(x, w, b, act, a);
        return dot(g, a);
    }

    @ParameterizedTest
    @EnumSource(value = LossKind.class, names = {"MSE", "CROSS_ENTROPY"})
    void wholeModelGradientMatchesFiniteDifferences(LossKind loss) {
        // The seed MLP's mix of activations, softmax in a hidden layer included.
        Sequential m = Sequential.of("6,8:tanh,8:softmax,8:sigmoid,8:relu,3", k, DType.F64, 7);
        RandomTensors rnd = new RandomTensors(400);
        HostTensor x = rnd.normalish(DType.F64, 9, 6);
        HostTensor y = loss == LossKind.MSE ? rnd.normalish(DType.F64, 9, 3) : rnd.classIndices(DType.F64, 9, 3);
        HostTensor out = (HostTensor) m.forward(x);
        HostTensor grad = HostTensor.zeros(DType.F64, 9, 3);
        k.lossGradient(loss, out, y, grad);
        m.backward(grad);
        for (Parameter p : m.parameters()) {
            HostTensor value = (HostTensor) p.value();
            HostTensor numeric = numericGradient(value, v -> k.loss(loss, m.forward(x), y));
            assertGradient("model " + p.name(), numeric, (HostTensor) p.grad());
        }
    }

    private static double dot(HostTensor a, HostTensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.getFlat(i) * b.getFlat(i);
        }
        return s;
    }
}
