package io.densekit.conformance;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Kernels that are wrong by a little, which the kit must catch (its own tests prove it does), and
 * registries that hold such kernels, for tests of what runs the kit.
 */
public final class KernelDoubles {
    private KernelDoubles() {
    }

    /** GEMM results off by one part in 1e9: far above float64 rounding, far below what a glance would notice. */
    public static final class SlightlyWrongGemm extends ReferenceTwin {
        public SlightlyWrongGemm() {
            super("wrong-gemm");
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            ref.gemm(ta, tb, alpha, a, b, beta, c);
            HostTensor h = host(c);
            for (int i = 0; i < h.size(); i++) {
                h.setFlat(i, h.getFlat(i) * (1 + 1e-9));
            }
        }
    }

    /** A softmax backward with only the Jacobian's diagonal, a (1 - a) g: a classic mistake no other op shows. */
    public static final class DiagonalSoftmax extends ReferenceTwin {
        public DiagonalSoftmax() {
            super("diagonal-softmax");
        }

        @Override
        public void activationBackward(Activation act, Tensor a, Tensor g, Tensor gz) {
            if (act != Activation.SOFTMAX) {
                ref.activationBackward(act, a, g, gz);
                return;
            }
            HostTensor av = host(a);
            HostTensor gv = host(g);
            HostTensor out = host(gz);
            for (int i = 0; i < av.size(); i++) {
                out.setFlat(i, av.getFlat(i) * (1 - av.getFlat(i)) * gv.getFlat(i));
            }
        }
    }

    /**
     * A GEMM within tolerance of the reference whose bits depend on the batch: when op(A) has an odd
     * number of rows, it sums k backwards in the dtype's own precision. Every comparison with the
     * reference passes it; only the row-slice cases can see that a row's result changes with the rows
     * beside it (as a GEMM that picks its algorithm by m would).
     */
    public static class BatchDependentGemm extends ReferenceTwin {
        public BatchDependentGemm() {
            super("batch-dependent-gemm");
        }

        @Override
        public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            HostTensor out = host(c);
            if (out.rows() % 2 == 0) {
                ref.gemm(ta, tb, alpha, a, b, beta, c);
                return;
            }
            HostTensor av = host(a);
            HostTensor bv = host(b);
            int k = ta ? av.rows() : av.cols();
            boolean f32 = out.dtype() == DType.F32;
            for (int i = 0; i < out.rows(); i++) {
                for (int j = 0; j < out.cols(); j++) {
                    double sum = 0;
                    for (int p = k - 1; p >= 0; p--) {
                        double t = (ta ? av.get(p, i) : av.get(i, p)) * (tb ? bv.get(j, p) : bv.get(p, j));
                        sum = f32 ? (float) (sum + (float) t) : sum + t;
                    }
                    out.set(i, j, alpha * sum + (beta == 0 ? 0 : beta * out.get(i, j)));
                }
            }
        }
    }

    /** A registry of the reference kernel and {@code kernels}, each under its own name. */
    @SafeVarargs
    public static KernelRegistry registry(Supplier<Kernel>... kernels) {
        List<KernelProvider> providers = new ArrayList<>(List.of(new ReferenceKernelProvider()));
        for (Supplier<Kernel> k : kernels) {
            providers.add(new Provider(k.get().name(), k));
        }
        return new KernelRegistry(providers);
    }

    private record Provider(String name, Supplier<Kernel> kernel) implements KernelProvider {
        @Override public int priority() { return 10; }
        @Override public Set<DType> dtypes() { return EnumSet.of(DType.F32, DType.F64); }
        @Override public String device() { return "cpu"; }
        @Override public Availability availability() { return Availability.yes(); }
        @Override public Kernel create() { return kernel.get(); }
    }
}
