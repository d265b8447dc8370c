package io.densekit.io.onnx;

import static io.densekit.io.onnx.GraphBuilder.intAttr;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.List;

/**
 * The model {@code 3,4:relu,2} with fixed weights (exact in float32), as ONNX graphs of the forms the reader accepts,
 * and its outputs computed here in plain double arithmetic.
 */
final class TinyModel {
    static final String SPEC = "3,4:relu,2";
    /** {@code [4, 3]} and {@code [2, 4]}, as densekit and PyTorch store them. */
    static final double[] W1 = {0.5, -0.25, 1.0, -0.75, 0.125, 0.5, 0.25, 0.375, -1.0, -0.5, 0.75, 0.0625};
    static final double[] B1 = {0.125, -0.25, 0.375, -0.5};
    static final double[] W2 = {1.5, -0.5, 0.25, 0.75, -1.25, 0.5, 1.0, -0.125};
    static final double[] B2 = {0.0625, -0.1875};

    private TinyModel() {
    }

    /** Input "x" [batch, 3], output "y" [batch, 2], and nothing between. */
    static GraphBuilder frame(int elemType) {
        return new GraphBuilder().input("x", elemType, "batch", 3).output("y", elemType, "batch", 2);
    }

    /** The TorchScript exporter's form: Gemm(transB=1), Relu, Gemm(transB=1). */
    static GraphBuilder gemm(int elemType) {
        return frame(elemType)
                .matrix("0.weight", elemType, 4, 3, W1).vector("0.bias", elemType, B1)
                .matrix("2.weight", elemType, 2, 4, W2).vector("2.bias", elemType, B2)
                .node("Gemm", "/0/Gemm", List.of("x", "0.weight", "0.bias"), "h", intAttr("transB", 1))
                .node("Relu", "/1/Relu", List.of("h"), "a")
                .node("Gemm", "/2/Gemm", List.of("a", "2.weight", "2.bias"), "y", intAttr("transB", 1));
    }

    /** {@code w} ({@code rows x cols}, row-major) transposed. */
    static double[] transpose(double[] w, int rows, int cols) {
        double[] t = new double[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    static HostTensor inputs(DType dtype) {
        return HostTensor.of(dtype, new double[][] {{1, 2, 3}, {-1, 0.5, 0}, {0.25, -2, 1.5}, {0, 0, 0}});
    }

    /** relu(x W1^T + b1) W2^T + b2, or without biases. */
    static HostTensor expected(HostTensor x, boolean biases) {
        HostTensor out = HostTensor.zeros(DType.F64, x.rows(), 2);
        for (int n = 0; n < x.rows(); n++) {
            double[] h = new double[4];
            for (int o = 0; o < 4; o++) {
                double s = biases ? B1[o] : 0;
                for (int i = 0; i < 3; i++) {
                    s += x.get(n, i) * W1[o * 3 + i];
                }
                h[o] = Math.max(s, 0);
            }
            for (int o = 0; o < 2; o++) {
                double s = biases ? B2[o] : 0;
                for (int i = 0; i < 4; i++) {
                    s += h[i] * W2[o * 4 + i];
                }
                out.set(n, o, s);
            }
        }
        return out;
    }
}
