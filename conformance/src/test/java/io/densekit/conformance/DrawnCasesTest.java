package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** densekit check's cases are the suite's cases on drawn shapes: every operation, and one seed, one set of shapes. */
class DrawnCasesTest {
    private static final CheckOptions OPTIONS = new CheckOptions(3, 50, 2, 5);

    @Test
    void theDrawnCasesCoverEveryOperationOfTheSuiteAndTheTraining() {
        List<Case> suite = new ArrayList<>(ConformanceCases.gemm(List.of(DType.F64)));
        suite.addAll(ConformanceCases.bias(List.of(DType.F64)));
        suite.addAll(ConformanceCases.activations(List.of(DType.F64)));
        suite.addAll(ConformanceCases.dense(List.of(DType.F64)));
        suite.addAll(ConformanceCases.losses(List.of(DType.F64)));
        suite.addAll(ConformanceCases.optimizers(List.of(DType.F64)));
        suite.addAll(ConformanceCases.rowSlices(List.of(DType.F64)));
        List<String> drawn = ops(DrawnCases.of(DType.F64, OPTIONS));
        assertThat(drawn).containsAll(ops(suite)).contains(TrainingCases.OP);
    }

    @Test
    void oneSeedDrawsTheSameCasesAndAnotherSeedOthers() {
        List<String> once = names(DrawnCases.of(DType.F32, OPTIONS));
        assertThat(names(DrawnCases.of(DType.F32, OPTIONS))).isEqualTo(once);
        assertThat(names(DrawnCases.of(DType.F32, new CheckOptions(3, 50, 2, 6)))).isNotEqualTo(once);
        assertThat(once).allMatch(n -> !n.contains("f64"));
    }

    @Test
    void shapesStayWithinTheLargestSize() {
        assertThat(names(DrawnCases.of(DType.F64, new CheckOptions(4, 1, 1, 1))))
                .filteredOn(n -> n.startsWith("gemm")).allMatch(n -> n.contains("m=1 n=1 k=1"));
    }

    private static List<String> ops(List<Case> cases) {
        return cases.stream().map(Case::op).distinct().toList();
    }

    private static List<String> names(List<Case> cases) {
        return cases.stream().map(Case::name).toList();
    }
}
