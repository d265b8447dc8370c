package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrossCheckTest {
    private static final CheckOptions SMALL = new CheckOptions(2, 40, 5, 3);

    @Test
    void aKernelThatComputesAsTheReferencePassesEveryOperation() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(() -> new ReferenceTwin("twin")))
                .run(null, List.of(DType.F32, DType.F64), SMALL, (k, d) -> { });
        assertThat(o.ok()).isTrue();
        assertThat(o.results()).extracting(CheckResult::op).contains("gemm", "add_row_vector", "column_sums",
                "activation forward", "activation backward", "dense forward", "dense backward", "loss", "loss gradient",
                "count_correct", "sgd update", "adam update", "training (weights)", RowSliceCases.GEMM, RowSliceCases.DENSE,
                RowSliceCases.ACTIVATION, RowSliceCases.PREDICT);
        assertThat(o.results()).allMatch(r -> r.kernel().equals("twin"));
        assertThat(o.results()).extracting(CheckResult::dtype).contains(DType.F32, DType.F64);
    }

    @Test
    void gemmOffByOnePartInABillionIsAMismatchInFloat64() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(KernelDoubles.SlightlyWrongGemm::new))
                .run(null, List.of(DType.F64), SMALL, (k, d) -> { });
        assertThat(o.ok()).isFalse();
        assertThat(failing(o)).contains("gemm", "dense forward", "dense backward")
                .doesNotContain("activation forward", "loss", "sgd update");
    }

    @Test
    void aGemmWhoseBitsDependOnTheBatchSizeIsARowSliceMismatchOnly() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(KernelDoubles.BatchDependentGemm::new))
                .run(null, List.of(DType.F32, DType.F64), SMALL, (k, d) -> { });
        assertThat(failing(o)).contains(RowSliceCases.GEMM, RowSliceCases.DENSE, RowSliceCases.PREDICT)
                .allMatch(op -> op.startsWith("row slices: "));
    }

    @Test
    void aKernelThatDeclaresItsRowsDependOnTheirNeighboursIsListedNotCheckedForRowSlices() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(() -> new KernelDoubles.BatchDependentGemm() {
            @Override
            public Optional<String> rowSliceVariance() {
                return Optional.of("its GEMM sums by the batch");
            }
        })).run(null, List.of(DType.F64), SMALL, (k, d) -> { });
        assertThat(o.ok()).isTrue();
        assertThat(o.results()).extracting(CheckResult::op).contains("gemm", "dense forward")
                .noneMatch(op -> op.startsWith("row slices"));
        assertThat(o.skipped()).containsExactly("batch-dependent-gemm f64 row slices: its GEMM sums by the batch");
    }

    @Test
    void softmaxBackwardWithoutTheOffDiagonalTermIsAMismatchInBothDtypes() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(KernelDoubles.DiagonalSoftmax::new))
                .run("diagonal-softmax", List.of(DType.F32, DType.F64), SMALL, (k, d) -> { });
        assertThat(o.results().stream().filter(r -> !r.ok()).map(r -> r.dtype() + " " + r.op()))
                .contains("f32 activation backward", "f64 activation backward", "f64 training (weights)");
        assertThat(failing(o)).doesNotContain("gemm", "loss");
    }

    @Test
    void aCaseThatThrowsIsAMismatchOfItsOperationAndTheOthersStillRun() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(() -> new ReferenceTwin("no-adam") {
            @Override
            public void adamUpdate(Tensor p, Tensor g, Tensor m, Tensor v, AdamParams a, long s) {
                throw new UnsupportedOperationException("adam is not written yet");
            }
        })).run(null, List.of(DType.F64), SMALL, (k, d) -> { });
        assertThat(o.results()).filteredOn(r -> !r.ok()).singleElement().satisfies(r -> {
            assertThat(r.op()).isEqualTo(OptimizerCases.ADAM);
            assertThat(r.where()).contains("threw java.lang.UnsupportedOperationException: adam is not written yet");
        });
        assertThat(o.results()).extracting(CheckResult::op).contains(OptimizerCases.SGD, TrainingCases.OP);
    }

    @Test
    void theSuitesRecorderFailsWithTheOperationTheCaseAndTheElement() {
        Recorder asserting = Recorder.asserting();
        asserting.record("gemm", "within", new Deviation(1e-13, "[0, 0] 1 vs 1"), 1e-12);
        assertThatThrownBy(() -> asserting.record("gemm", "m=3 n=1 k=2 NT",
                        new Deviation(2e-12, "[2, 0] 1.5 vs 1.4"), 1e-12))
                .isInstanceOf(AssertionError.class)
                .hasMessage("gemm, m=3 n=1 k=2 NT: [2, 0] 1.5 vs 1.4 (actual vs expected): error 2.00e-12 of its scale exceeds 1.00e-12");
    }

    @Test
    void unavailableKernelsAreListedNotFailed() {
        CrossCheck.Outcome o = new CrossCheck(new KernelRegistry(List.of(new ReferenceKernelProvider(), new Unavailable())))
                .run(null, List.of(DType.F64), SMALL, (k, d) -> { });
        assertThat(o.ok()).isTrue();
        assertThat(o.results()).isEmpty();
        assertThat(o.skipped()).singleElement().asString().isEqualTo("unavailable: no such device");
    }

    @Test
    void deviationCountsANanAgainstANumberAndAWrongShapeAsInfinitelyWrong() {
        HostTensor e = HostTensor.vector(DType.F64, 1, 2, Double.NaN);
        assertThat(Deviation.of(e, HostTensor.vector(DType.F64, 1, 2, Double.NaN), null).error()).isZero();
        assertThat(Deviation.of(e, HostTensor.vector(DType.F64, 1, Double.NaN, Double.NaN), null).error()).isInfinite();
        assertThat(Deviation.of(e, HostTensor.vector(DType.F64, 1, 2), null).error()).isInfinite();
        Deviation d = Deviation.of(HostTensor.vector(DType.F64, 4, 8), HostTensor.vector(DType.F64, 4, 8.5), null);
        assertThat(d.error()).isEqualTo(0.5 / 8);
        assertThat(d.where()).startsWith("[0, 1]");
    }

    @Test
    void tallyKeepsTheCaseClosestToItsTolerance() {
        Tally t = new Tally("k", DType.F64);
        t.record("gemm", "big error, big tolerance", new Deviation(1e-3, ""), 1e-1);
        t.record("gemm", "small error, tiny tolerance", new Deviation(1e-6, ""), 1e-6);
        t.record("gemm", "nothing", new Deviation(0, ""), 1e-6);
        assertThat(t.results()).singleElement().satisfies(r -> {
            assertThat(r.where()).startsWith("small error");
            assertThat(r.ok()).isTrue();
        });
        assertThat(t.cases()).isEqualTo(3);
        assertThat(new CheckResult("k", DType.F64, "x", Double.NaN, 1, "").ok()).isFalse();
    }

    /** A kernel that never runs. */
    private record Unavailable() implements KernelProvider {
        @Override public String name() { return "unavailable"; }
        @Override public int priority() { return -1; }
        @Override public Set<DType> dtypes() { return Set.of(DType.F64); }
        @Override public String device() { return "nowhere"; }
        @Override public Availability availability() { return Availability.no("no such device"); }
        @Override public Kernel create() { throw new AssertionError("an unavailable kernel is never created"); }
    }

    private static List<String> failing(CrossCheck.Outcome o) {
        return o.results().stream().filter(r -> !r.ok()).map(CheckResult::op).toList();
    }
}
