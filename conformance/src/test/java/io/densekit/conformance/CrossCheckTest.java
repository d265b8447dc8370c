package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.List;
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
                "count_correct", "sgd update", "adam update", "training (weights)");
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
    void softmaxBackwardWithoutTheOffDiagonalTermIsAMismatchInBothDtypes() {
        CrossCheck.Outcome o = new CrossCheck(KernelDoubles.registry(KernelDoubles.DiagonalSoftmax::new))
                .run("diagonal-softmax", List.of(DType.F32, DType.F64), SMALL, (k, d) -> { });
        assertThat(o.results().stream().filter(r -> !r.ok()).map(r -> r.dtype() + " " + r.op()))
                .contains("f32 activation backward", "f64 activation backward", "f64 training (weights)");
        assertThat(failing(o)).doesNotContain("gemm", "loss");
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
