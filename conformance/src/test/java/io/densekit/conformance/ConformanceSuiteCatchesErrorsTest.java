package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conformance cases must fail a kernel that is wrong by a little: GEMM results off by one part
 * in 1e9 (far below what a visual check would notice, far above float64 rounding), and a softmax
 * backward that drops the Jacobian's off-diagonal term, and a GEMM whose bits change with the batch
 * size. They fail it where it is wrong, and only there.
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

    @Test
    void aGemmWhoseBitsDependOnTheBatchSizeFailsOnlyTheRowSliceCases() {
        // The GEMM and dense cases against the reference (but the slowest, of 127^3) pass it.
        List<Case> cases = new ArrayList<>(ConformanceCases.gemm(BOTH).stream().filter(c -> !c.name().contains("=127")).toList());
        cases.addAll(ConformanceCases.dense(BOTH));
        cases.addAll(ConformanceCases.rowSlices(BOTH));
        List<String> failed = failing(new KernelDoubles.BatchDependentGemm(), cases);
        for (String family : new String[] {"gemm", "dense", "predict"}) {
            for (DType dt : BOTH) {
                assertThat(failed).anyMatch(n -> n.startsWith("row slices " + family + " " + dt + " "));
            }
        }
        assertThat(failed).allMatch(n -> n.startsWith("row slices ")).noneMatch(n -> n.startsWith("row slices activation"));
    }

    @Test
    void aRowSliceFailureNamesTheOperationTheSliceTheRowAndTheColumn() {
        Case gemm = ConformanceCases.rowSlices(List.of(DType.F64)).getFirst();
        assertThat(gemm.op()).isEqualTo(RowSliceCases.GEMM);
        // The 37-row block (odd) sums backwards; its first even slice, 14 rows from row 19, forwards.
        assertThatThrownBy(() -> gemm.run(new ReferenceKernel(), new KernelDoubles.BatchDependentGemm(), Recorder.asserting()))
                .isInstanceOf(AssertionError.class)
                .hasMessageMatching("row slices: gemm, f64 m=37 n=263 k=7 NN alpha=1\\.0 beta=0\\.0, rows 19\\.\\.33 of 37: "
                        + "row (19|2[0-9]|3[0-2]) of the block \\(row \\d+ of the slice\\), column \\d+: \\S+ vs \\S+ "
                        + "\\(actual vs expected\\): error Infinity of its scale exceeds 0\\.00");
    }
}
