package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Activation;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every tuning choice gives the bits of the built-in plan: each candidate {@link PlanSearch} measures,
 * and plans at the edges of what {@link GemmPlan} allows (the smallest and largest blocks, every GEMM
 * width the machine runs), at 1 thread and at 2 with every product split, for GEMM in every transpose with
 * odd sizes and alpha/beta, the dense forward pass with and without bias under every activation
 * (twice, the second time on the kept packed weight), and the dense backward pass, in both dtypes.
 * One subclass per kernel width, each in the test JVM of that width (the pom's simd-N-bit
 * executions), so the JIT compiles each width's code as it runs in use.
 */
abstract class GemmPlanBitEqualitySuite {

    /** The kernel's vector width. */
    protected abstract int bits();

    /** The plans to compare with the built-in one, for a kernel of {@code bits}. */
    static List<GemmPlan> plans(int bits) {
        GemmPlan d = GemmPlan.defaults();
        Set<GemmPlan> all = new LinkedHashSet<>(new PlanSearch(new SimdConfig(bits, 2),
                List.of(new PlanSearch.Workload(1, 1, 1, false)), 1, System::nanoTime).candidates());
        all.add(new GemmPlan(8, 1, 8, 64, 64, 0, 0));
        all.add(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 1, 8, 64, 64, 0, 0));
        all.add(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 4, 512, 1 << 16, 1 << 16, Long.MAX_VALUE, 0));
        // The block for the 11-row products only, row groups for the smaller ones.
        all.add(new GemmPlan(11, 2, 16, 64, 64, 0, 0));
        all.add(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 8, 256, 4096, 64, 0, 0));
        all.add(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 4, 256, 4096, 64, 0, 0));
        for (int w = 128; w <= bits; w *= 2) {
            all.add(new GemmPlan(8, 2, 8, 64, 64, 0, w));
            all.add(new GemmPlan(GemmPlan.ROW_GROUPS_ONLY, 2, 8, 64, 64, 0, w));
        }
        return List.copyOf(all);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    void everyPlanGivesTheBitsOfTheBuiltInPlanAtOneAndTwoThreads(DType dt) {
        int bits = bits();
        List<HostTensor> expected;
        try (SimdKernel k = new SimdKernel(new SimdConfig(bits, 1))) {
            expected = results(k, dt);
        }
        for (GemmPlan plan : plans(bits)) {
            try (SimdKernel k = new SimdKernel(new SimdConfig(bits, 1), plan)) {
                assertSameBits(plan + ", 1 thread", expected, results(k, dt));
            }
            // At 2 threads with the threshold at 0, so that even these small products are split.
            GemmPlan split = new GemmPlan(plan.blockFrom(), plan.rowGroup(), plan.mc(), plan.nc(), plan.rowPanel(),
                    0, plan.gemmBits());
            try (SimdKernel k = new SimdKernel(new SimdConfig(bits, 2), split)) {
                assertSameBits(split + ", 2 threads", expected, results(k, dt));
            }
        }
    }

    static void assertSameBits(String what, List<HostTensor> expected, List<HostTensor> actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Widths.assertBitwiseEqual(what + ", result " + i, expected.get(i), actual.get(i));
        }
    }

    /** Every result of {@link #gemmResults} and of the row-wise activations fused into dense. */
    private static List<HostTensor> results(SimdKernel k, DType dt) {
        return gemmResults(k, dt, true);
    }

    /**
     * GEMMs, dense forward and backward passes; with {@code rowWise}, also the dense forward pass under
     * softmax and log-softmax, whose row sums depend on the kernel's width (so only kernels of one
     * width can be compared on them).
     */
    static List<HostTensor> gemmResults(SimdKernel k, DType dt, boolean rowWise) {
        RandomTensors rnd = new RandomTensors(15);
        List<HostTensor> out = new ArrayList<>();
        // Odd sizes: partial tiles (11 rows: a block of 8 and 3), slivers, row groups and panels (the
        // smallest plans cut 70 columns in two); a k of KC + 77 spans two k-blocks in both dtypes.
        // 14 x 130: row groups of 8, 4 and 2 over five 512-bit slivers (the 8 x 1, 4 x 2 and 2 x 4 kernels).
        int twoBlocks = Math.max(F32Gemm.KC, F64Gemm.KC) + 77;
        int[][] sizes = {{1, 1, 1}, {3, 17, 5}, {11, 70, twoBlocks}, {14, 130, 40}};
        double[][] alphaBeta = {{1, 0}, {0.75, -0.5}};
        for (int[] s : sizes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                for (double[] ab : alphaBeta) {
                    HostTensor a = ta ? rnd.normalish(dt, s[2], s[0]) : rnd.normalish(dt, s[0], s[2]);
                    HostTensor b = tb ? rnd.normalish(dt, s[1], s[2]) : rnd.normalish(dt, s[2], s[1]);
                    HostTensor c = rnd.normalish(dt, s[0], s[1]);
                    k.gemm(ta, tb, ab[0], a, b, ab[1], c);
                    out.add(c);
                }
            }
            HostTensor x = rnd.normalish(dt, s[0], s[2]);
            HostTensor w = rnd.normalish(dt, s[1], s[2]);
            HostTensor bias = rnd.normalish(dt, 1, s[1]);
            for (Activation act : Activation.values()) {
                if (act.isRowWise() && !rowWise) {
                    continue;
                }
                // The second call runs on the packed weight the first one kept.
                for (HostTensor bi : new HostTensor[] {bias, bias, null}) {
                    HostTensor a = HostTensor.zeros(dt, s[0], s[1]);
                    k.denseForward(x, w, bi, act, a);
                    out.add(a);
                }
                if (act.isRowWise()) {
                    continue;
                }
                HostTensor a = HostTensor.zeros(dt, s[0], s[1]);
                k.denseForward(x, w, bias, act, a);
                HostTensor gradA = rnd.normalish(dt, s[0], s[1]);
                HostTensor gradW = HostTensor.zeros(dt, s[1], s[2]);
                HostTensor gradB = HostTensor.zeros(dt, 1, s[1]);
                HostTensor gradX = HostTensor.zeros(dt, s[0], s[2]);
                k.denseBackward(x, w, a, act, gradA, gradW, gradB, gradX);
                out.add(gradA);
                out.add(gradW);
                out.add(gradB);
                out.add(gradX);
                HostTensor gradW2 = HostTensor.zeros(dt, s[1], s[2]);
                k.denseBackward(x, w, a, act, rnd.normalish(dt, s[0], s[1]), gradW2, null, null);
                out.add(gradW2);
            }
        }
        return out;
    }
}
