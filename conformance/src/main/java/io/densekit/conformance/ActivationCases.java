package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;

/**
 * One activation forward and backward, each also in place; the backward from the reference's
 * output, so both kernels start from the same activations.
 */
public final class ActivationCases {
    public static final String FORWARD = "activation forward";
    public static final String BACKWARD = "activation backward";

    private ActivationCases() {
    }

    public static Case of(DType dt, Activation act, int rows, int cols, long seed) {
        String what = act.specName() + " " + rows + "x" + cols;
        return new Case("activation forward/backward", act + " " + dt + " " + rows + "x" + cols, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor z = rnd.uniform(dt, rows, cols, -6, 6);
            HostTensor expected = HostTensor.zeros(dt, rows, cols);
            reference.activationForward(act, z, expected);
            Tensor zK = up(kernel, z);
            Tensor aK = kernel.allocate(dt, rows, cols);
            kernel.activationForward(act, zK, aK);
            HostTensor forwardScale = act == Activation.LOG_SOFTMAX ? ErrorScales.rowAbsSum(z) : null;
            double tol = Tolerance.mixed(dt, cols);
            recorder.record(FORWARD, what, Deviation.of(expected, down(kernel, aK), forwardScale), tol);
            kernel.activationForward(act, zK, zK);
            recorder.record(FORWARD, what + " in place", Deviation.of(expected, down(kernel, zK), forwardScale), tol);

            HostTensor g = rnd.normalish(dt, rows, cols);
            HostTensor gradZ = HostTensor.zeros(dt, rows, cols);
            reference.activationBackward(act, expected, g, gradZ);
            Tensor gK = up(kernel, g);
            Tensor gzK = kernel.allocate(dt, rows, cols);
            kernel.activationBackward(act, up(kernel, expected), gK, gzK);
            HostTensor scale = ErrorScales.activationBackward(act, expected, g);
            recorder.record(BACKWARD, what, Deviation.of(gradZ, down(kernel, gzK), scale), tol);
            kernel.activationBackward(act, up(kernel, expected), gK, gK);
            recorder.record(BACKWARD, what + " in place", Deviation.of(gradZ, down(kernel, gK), scale), tol);
        });
    }
}
