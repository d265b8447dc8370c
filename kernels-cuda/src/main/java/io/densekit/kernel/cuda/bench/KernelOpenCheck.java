package io.densekit.kernel.cuda.bench;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.cuda.CudaKernel;
import io.densekit.kernel.cuda.CudaKernelProvider;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The first thing to run on a new GPU from Java: the cuda kernel opens (availability with its
 * reason, the device, which form of the kernel module loaded), then one cuBLAS GEMM and one
 * launch of densekit's own code agree with the reference kernel, in both dtypes. Exit status 0
 * when all agree, 1 when one disagrees or the kernel is unavailable (never a skip).
 *
 * <p>The bound is the classic one for a sum of k products rounded in the dtype: each element may
 * be off by k u sum|a_i b_i| (u the unit roundoff), plus one rounding of the result; an element
 * beyond it is a wrong result, not rounding.
 */
public final class KernelOpenCheck {
    private final Kernel gpu;
    private final Kernel reference;
    private final PrintStream out;
    private boolean failed;

    KernelOpenCheck(Kernel gpu, Kernel reference, PrintStream out) {
        this.gpu = gpu;
        this.reference = reference;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out));
    }

    /** Runs the checks on the cuda kernel the system properties select; returns the exit status. */
    public static int run(PrintStream out) {
        CudaKernelProvider provider = new CudaKernelProvider();
        if (!provider.availability().available()) {
            out.println("FAIL cuda kernel unavailable: " + provider.availability().reason());
            return 1;
        }
        try (Kernel gpu = provider.create(); Kernel reference = Kernels.byName("reference")) {
            out.println("device: " + gpu.device());
            out.println("details: " + gpu.details());
            out.println("kernels loaded: " + ((CudaKernel) gpu).moduleForm());
            KernelOpenCheck check = new KernelOpenCheck(gpu, reference, out);
            for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                check.gemm(dtype, 67, 45, 33);
                check.launch(dtype, 67, 33);
            }
            out.println((check.failed ? "FAIL" : "PASS") + " the cuda kernel on " + gpu.device() + " ("
                    + ((CudaKernel) gpu).moduleForm() + ")" + (check.failed ? " disagrees with" : " agrees with")
                    + " the reference kernel");
            return check.failed ? 1 : 0;
        }
    }

    /** c = a b^T through cuBLAS, against the reference kernel. */
    void gemm(DType dtype, int m, int k, int n) {
        SplittableRandom r = new SplittableRandom(7);
        HostTensor a = GpuBench.random(dtype, m, k, r);
        HostTensor b = GpuBench.random(dtype, n, k, r);
        HostTensor expected = HostTensor.zeros(dtype, m, n);
        try (Tensor ga = gpu.upload(a); Tensor gb = gpu.upload(b); Tensor gc = gpu.allocate(dtype, m, n)) {
            gpu.gemm(false, true, 1.0, ga, gb, 0.0, gc);
            reference.gemm(false, true, 1.0, a, b, 0.0, expected);
            double worst = gemmErrorOverBound(a, b, gpu.download(gc), expected, dtype);
            report("gemm " + dtype + " " + m + "x" + k + " by " + k + "x" + n + " (cuBLAS)", worst);
        }
    }

    /** a = tanh(z + bias): one dk_bias_act_forward launch, against the reference kernel. */
    void launch(DType dtype, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(11);
        HostTensor z = GpuBench.random(dtype, rows, cols, r);
        HostTensor bias = GpuBench.random(dtype, 1, cols, r);
        HostTensor expected = z.copy();
        reference.addRowVector(bias, expected);
        reference.activationForward(Activation.TANH, expected, expected);
        try (Tensor gz = gpu.upload(z); Tensor gb = gpu.upload(bias)) {
            gpu.addRowVector(gb, gz);
            gpu.activationForward(Activation.TANH, gz, gz);
            double worst = elementErrorOverBound(gpu.download(gz), expected, dtype);
            report("launch " + dtype + " tanh(z + bias) " + rows + "x" + cols + " (dk_bias_act_forward)", worst);
        }
    }

    /** The worst element of c = a b^T against the expected one, as a fraction of its bound (above 1: wrong). */
    static double gemmErrorOverBound(HostTensor a, HostTensor b, HostTensor got, HostTensor expected, DType dtype) {
        int k = a.cols();
        double worst = 0;
        for (int i = 0; i < got.rows(); i++) {
            for (int j = 0; j < got.cols(); j++) {
                double scale = 0;
                for (int p = 0; p < k; p++) {
                    scale += Math.abs(a.get(i, p) * b.get(j, p));
                }
                double bound = (k + 1) * unitRoundoff(dtype) * scale;
                worst = Math.max(worst, Math.abs(got.get(i, j) - expected.get(i, j)) / bound);
            }
        }
        return worst;
    }

    /**
     * The worst element of an element-wise result as a fraction of 8 u |expected|: the device's
     * tanh is within 2 ulps (CUDA's documented bound), the expected value within half of one, and
     * an ulp is at most 2 u |x|.
     */
    static double elementErrorOverBound(HostTensor got, HostTensor expected, DType dtype) {
        double worst = 0;
        for (int i = 0; i < got.size(); i++) {
            double bound = 8 * unitRoundoff(dtype) * Math.max(Math.abs(expected.getFlat(i)), Double.MIN_NORMAL);
            worst = Math.max(worst, Math.abs(got.getFlat(i) - expected.getFlat(i)) / bound);
        }
        return worst;
    }

    private void report(String what, double worstOverBound) {
        boolean ok = worstOverBound <= 1;
        failed |= !ok;
        out.printf(Locale.ROOT, "%s %s: worst error %.3g of its bound%n", ok ? "PASS" : "FAIL", what, worstOverBound);
    }

    private static double unitRoundoff(DType dtype) {
        return dtype == DType.F32 ? 0x1p-24 : 0x1p-53;
    }
}
