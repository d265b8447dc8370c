package io.densekit.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.conformance.KernelConformanceSuite;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite must fail a kernel that is wrong by a little: here, GEMM results off by one
 * part in 1e9 (far below what a visual check would notice, far above float64 rounding), and a
 * softmax backward that drops the Jacobian's off-diagonal term.
 */
class ConformanceSuiteCatchesErrorsTest {

    /** A kernel whose GEMM is slightly wrong. */
    static final class SlightlyWrongGemm extends HostKernel {
        private final ReferenceKernel ref = new ReferenceKernel();

        @Override public String name() { return "wrong-gemm"; }
        @Override public void gemm(boolean ta, boolean tb, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            ref.gemm(ta, tb, alpha, a, b, beta, c);
            HostTensor h = host(c);
            for (int i = 0; i < h.size(); i++) {
                h.setFlat(i, h.getFlat(i) * (1 + 1e-9));
            }
        }
        @Override public void addRowVector(Tensor bias, Tensor z) { ref.addRowVector(bias, z); }
        @Override public void columnSums(Tensor g, Tensor out) { ref.columnSums(g, out); }
        @Override public void activationForward(Activation act, Tensor z, Tensor a) { ref.activationForward(act, z, a); }
        @Override public void activationBackward(Activation act, Tensor a, Tensor g, Tensor gz) {
            if (act == Activation.SOFTMAX) {
                // Diagonal-only Jacobian: a (1 - a) g. A classic mistake.
                HostTensor av = host(a), gv = host(g), out = host(gz);
                for (int i = 0; i < av.size(); i++) {
                    out.setFlat(i, av.getFlat(i) * (1 - av.getFlat(i)) * gv.getFlat(i));
                }
                return;
            }
            ref.activationBackward(act, a, g, gz);
        }
        @Override public double loss(LossKind k, Tensor p, Tensor t) { return ref.loss(k, p, t); }
        @Override public void lossGradient(LossKind k, Tensor p, Tensor t, Tensor g) { ref.lossGradient(k, p, t, g); }
        @Override public long countCorrect(Tensor p, Tensor t) { return ref.countCorrect(p, t); }
        @Override public void sgdUpdate(Tensor p, Tensor g, Tensor m, SgdParams s, boolean f) { ref.sgdUpdate(p, g, m, s, f); }
        @Override public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, AdamParams a, long s) { ref.adamUpdate(p, g, m, v, a, s); }
    }

    static final class SuiteOnWrongKernel extends KernelConformanceSuite {
        private final Kernel k = new SlightlyWrongGemm();

        @Override
        protected Kernel kernel() {
            return k;
        }

        Stream<DynamicTest> all() throws Exception {
            Stream<DynamicTest> s = Stream.empty();
            for (String m : List.of("gemm", "activations")) {
                var method = KernelConformanceSuite.class.getDeclaredMethod(m);
                method.setAccessible(true);
                @SuppressWarnings("unchecked")
                Stream<DynamicTest> part = (Stream<DynamicTest>) method.invoke(this);
                s = Stream.concat(s, part);
            }
            return s;
        }
    }

    @Test
    void wrongGemmAndWrongSoftmaxBackwardFail() throws Exception {
        List<String> failed = new SuiteOnWrongKernel().all().filter(t -> {
            try {
                t.getExecutable().execute();
                return false;
            } catch (Throwable e) {
                return true;
            }
        }).map(DynamicTest::getDisplayName).toList();
        assertThat(failed).anyMatch(n -> n.startsWith("gemm f64"));
        assertThat(failed).anyMatch(n -> n.startsWith("SOFTMAX f64"));
        assertThat(failed).noneMatch(n -> n.startsWith("TANH"));
    }
}
