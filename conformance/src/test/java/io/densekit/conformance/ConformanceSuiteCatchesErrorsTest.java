package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases must fail a kernel that is wrong by a little: GEMM results off by one part
 * in 1e9 (far below what a visual check would notice, far above float64 rounding), and a softmax
 * backward that drops the Jacobian's off-diagonal term. They fail it where it is wrong, and only there.
 */
class ConformanceSuiteCatchesErrorsTest {
    private static final List<DType> BOTH = List.of(DType.F32, DType.F64);

    /** The names of the cases that {@code kernel} fails. */
    private static List<String> failing(Kernel kernel, List<Case> cases) {
        Kernel reference = new ReferenceKernel();
        List<String> failed = new ArrayList<>();
        for (Case c : cases) {
            try {
                c.run(reference, kernel, Recorder.asserting());
            } catch (AssertionError e) {
                failed.add(c.name());
            }
        }
        return failed;
    }

    private static List<Case> activationsAndDense() {
        List<Case> cases = new ArrayList<>(ConformanceCases.activations(BOTH));
        cases.addAll(ConformanceCases.dense(BOTH));
        return cases;
    }

    @Test
    void aGemmOffByOnePartInABillionFailsTheFloat64GemmAndDenseCases() {
        List<Case> cases = new ArrayList<>(ConformanceCases.gemm(BOTH));
        cases.addAll(activationsAndDense());
        List<String> failed = failing(new KernelDoubles.SlightlyWrongGemm(), cases);
        assertThat(failed).anyMatch(n -> n.startsWith("gemm f64"));
        assertThat(failed).anyMatch(n -> n.startsWith("dense ") && n.contains(" f64 "));
        assertThat(failed).noneMatch(n -> n.contains(" f32 "));
        assertThat(failed).noneMatch(n -> n.startsWith("TANH") || n.startsWith("SOFTMAX"));
    }

    @Test
    void aDiagonalSoftmaxBackwardFailsTheSoftmaxCasesOfBothDtypes() {
        List<String> failed = failing(new KernelDoubles.DiagonalSoftmax(), activationsAndDense());
        assertThat(failed).anyMatch(n -> n.startsWith("SOFTMAX f64"));
        assertThat(failed).anyMatch(n -> n.startsWith("SOFTMAX f32"));
        assertThat(failed).allMatch(n -> n.startsWith("SOFTMAX") || n.startsWith("dense SOFTMAX"));
    }
}
