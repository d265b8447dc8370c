package io.densekit.train;

import io.densekit.kernel.Kernel;
import io.densekit.nn.Parameter;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.Serializable;
import java.util.List;

/**
 * The gradients of a model's parameters summed over some rows, on the host, with the matching
 * part of the batch loss: what one gradient chunk produces and what {@link GradientTree} adds up.
 * Values are plain arrays in the model's dtype (one per parameter, in {@link
 * io.densekit.nn.Sequential#parameters()} order), so a sum can travel between machines (it is
 * {@link Serializable}) and be added on any of them with the same bits: additions run element by
 * element in the dtype, in Java, never on a kernel.
 */
public final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DType dtype;
    private final double loss;
    private final float[][] f32;
    private final double[][] f64;

    private GradientSum(DType dtype, double loss, float[][] f32, double[][] f64) {
        this.dtype = dtype;
        this.loss = loss;
        this.f32 = f32;
        this.f64 = f64;
    }

    /** Copies the current gradients of {@code parameters} out of {@code kernel}'s memory. */
    public static GradientSum of(Kernel kernel, List<Parameter> parameters, double loss) {
        DType dtype = parameters.getFirst().grad().dtype();
        int count = parameters.size();
        float[][] f = dtype == DType.F32 ? new float[count][] : null;
        double[][] d = dtype == DType.F64 ? new double[count][] : null;
        for (int i = 0; i < count; i++) {
            HostTensor g = kernel.download(parameters.get(i).grad());
            if (f != null) {
                f[i] = g.floatArrayForReading();
            } else {
                d[i] = g.doubleArrayForReading();
            }
        }
        return new GradientSum(dtype, loss, f, d);
    }

    public DType dtype() {
        return dtype;
    }

    /** This sum's part of the batch loss (a chunk's mean loss weighted by its share of the batch). */
    public double loss() {
        return loss;
    }

    /** How many parameter tensors the sum covers. */
    public int count() {
        return f32 != null ? f32.length : f64.length;
    }

    /** {@code this + other}, element by element in the dtype (a new sum; neither operand changes). */
    public GradientSum plus(GradientSum other) {
        if (other.dtype != dtype || other.count() != count()) {
            throw new IllegalArgumentException("cannot add a gradient sum of " + other.count() + " " + other.dtype
                    + " tensors to one of " + count() + " " + dtype + " tensors; expected sums of the same model");
        }
        int count = count();
        if (dtype == DType.F32) {
            float[][] out = new float[count][];
            for (int i = 0; i < count; i++) {
                float[] a = f32[i];
                float[] b = other.f32[i];
                requireSameLength(i, a.length, b.length);
                float[] s = new float[a.length];
                for (int j = 0; j < s.length; j++) {
                    s[j] = a[j] + b[j];
                }
                out[i] = s;
            }
            return new GradientSum(dtype, loss + other.loss, out, null);
        }
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            double[] a = f64[i];
            double[] b = other.f64[i];
            requireSameLength(i, a.length, b.length);
            double[] s = new double[a.length];
            for (int j = 0; j < s.length; j++) {
                s[j] = a[j] + b[j];
            }
            out[i] = s;
        }
        return new GradientSum(dtype, loss + other.loss, null, out);
    }

    /** Writes the sums into the gradients of {@code parameters} (the model's, in its order). */
    public void copyInto(Kernel kernel, List<Parameter> parameters) {
        if (parameters.size() != count()) {
            throw new IllegalArgumentException("gradient sum covers " + count() + " tensors, the model has "
                    + parameters.size() + " parameters");
        }
        for (int i = 0; i < count(); i++) {
            int[] shape = parameters.get(i).grad().shape();
            HostTensor h = f32 != null ? HostTensor.wrap(f32[i], shape) : HostTensor.wrap(f64[i], shape);
            kernel.copyFromHost(h, parameters.get(i).grad());
        }
    }

    private static void requireSameLength(int tensor, int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("gradient tensor " + tensor + " has " + b + " values, expected " + a);
        }
    }
}
