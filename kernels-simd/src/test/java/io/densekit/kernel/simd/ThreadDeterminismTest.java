package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Results must not depend on the thread count: the same bits for 1, 2 and 3 threads, run after run. */
class ThreadDeterminismTest {

    /** Both GEMM paths: row groups, and the register block (see {@link SimdKernel#SimdKernel(SimdConfig, boolean)}). */
    static List<Arguments> dtypesAndPaths() {
        List<Arguments> all = new ArrayList<>();
        for (DType dt : DType.values()) {
            all.add(Arguments.of(dt, true));
            all.add(Arguments.of(dt, false));
        }
        return all;
    }

    @ParameterizedTest(name = "{0}, row groups only: {1}")
    @MethodSource("dtypesAndPaths")
    void gemmIsBitwiseIdenticalForAnyThreadCount(DType dt, boolean rowGroupsOnly) {
        List<double[]> results = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3, 2}) {
            try (Kernel k = new SimdKernel(new SimdConfig(0, threads), rowGroupsOnly)) {
                RandomTensors rnd = new RandomTensors(42);
                List<Double> all = new ArrayList<>();
                // Large enough to run in parallel, odd enough to leave partial tiles and k-blocks.
                int twoBlocks = Math.max(F32Gemm.KC, F64Gemm.KC) + 77;
                for (int[] s : new int[][] {{301, 257, twoBlocks}, {97, 777, 300}, {256, 256, 1}}) {
                    for (int t = 0; t < 4; t++) {
                        boolean ta = (t & 1) != 0;
                        boolean tb = (t & 2) != 0;
                        HostTensor a = ta ? rnd.normalish(dt, s[2], s[0]) : rnd.normalish(dt, s[0], s[2]);
                        HostTensor b = tb ? rnd.normalish(dt, s[1], s[2]) : rnd.normalish(dt, s[2], s[1]);
                        HostTensor c = rnd.normalish(dt, s[0], s[1]);
                        k.gemm(ta, tb, 0.75, a, b, -0.5, c);
                        for (double v : c.toDoubleArray()) {
                            all.add(v);
                        }
                    }
                }
                results.add(all.stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        for (double[] r : results) {
            assertBitwiseEqual(results.getFirst(), r);
        }
    }

    @ParameterizedTest(name = "{0}, row groups only: {1}")
    @MethodSource("dtypesAndPaths")
    void trainingStepsAreBitwiseIdenticalForAnyThreadCount(DType dt, boolean rowGroupsOnly) {
        List<double[]> results = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            try (Kernel k = new SimdKernel(new SimdConfig(0, threads), rowGroupsOnly)) {
                results.add(trainSteps(k, dt));
            }
        }
        for (double[] r : results) {
            assertBitwiseEqual(results.getFirst(), r);
        }
    }

    /**
     * The multi-tensor updates split the parameters' elements over the threads (above 2^16 of them):
     * the same bits as tensor-by-tensor updates on one thread, for any thread count. Sizes leave
     * ranges that start and end inside tensors and inside vectors.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void multiTensorUpdatesAreBitwiseIdenticalForAnyThreadCount(DType dt) {
        int[] sizes = {100_003, 7, 65_537, 3};
        SgdParams sgd = new SgdParams(0.05, 0.9, 0, true, 0.01);
        AdamParams adam = new AdamParams(0.01, 0.9, 0.999, 1e-8, 0.01);
        double[] expected = null;
        for (int threads : new int[] {0, 1, 2, 3}) { // 0: one tensor at a time, on one thread
            try (Kernel k = new SimdKernel(new SimdConfig(0, Math.max(1, threads)))) {
                RandomTensors rnd = new RandomTensors(5);
                Tensor[][] t = new Tensor[6][sizes.length]; // param, grad, momentum; param, m, v (Adam)
                for (int i = 0; i < sizes.length; i++) {
                    t[0][i] = rnd.normalish(dt, 1, sizes[i]);
                    t[1][i] = rnd.normalish(dt, 1, sizes[i]);
                    t[2][i] = HostTensor.zeros(dt, 1, sizes[i]);
                    t[3][i] = rnd.normalish(dt, 1, sizes[i]);
                    t[4][i] = HostTensor.zeros(dt, 1, sizes[i]);
                    t[5][i] = HostTensor.zeros(dt, 1, sizes[i]);
                }
                for (int step = 1; step <= 3; step++) {
                    if (threads == 0) {
                        for (int i = 0; i < sizes.length; i++) {
                            k.sgdUpdate(t[0][i], t[1][i], t[2][i], sgd, step == 1);
                            k.adamUpdate(t[3][i], t[1][i], t[4][i], t[5][i], adam, step);
                        }
                    } else {
                        k.sgdUpdateAll(sizes.length, t[0], t[1], t[2], sgd, step == 1);
                        k.adamUpdateAll(sizes.length, t[3], t[1], t[4], t[5], adam, step);
                    }
                }
                List<Double> all = new ArrayList<>();
                for (int row : new int[] {0, 2, 3, 4, 5}) {
                    for (Tensor x : t[row]) {
                        for (double v : ((HostTensor) x).toDoubleArray()) {
                            all.add(v);
                        }
                    }
                }
                double[] got = all.stream().mapToDouble(Double::doubleValue).toArray();
                if (expected == null) {
                    expected = got;
                } else {
                    assertBitwiseEqual(expected, got);
                }
            }
        }
    }

    /**
     * Two callers of one two-thread kernel at once, each with products big enough to split: one gets
     * the pool, the other runs its parts on its own thread; both get the bits of a lone caller.
     */
    @ParameterizedTest(name = "{0}, row groups only: {1}")
    @MethodSource("dtypesAndPaths")
    void concurrentCallersOfSplitProductsGetTheLoneCallersBits(DType dt, boolean rowGroupsOnly) throws Exception {
        RandomTensors rnd = new RandomTensors(12);
        HostTensor x = rnd.normalish(dt, 96, 700);
        HostTensor w = rnd.uniform(dt, 150, 700, -0.1, 0.1);
        HostTensor b = rnd.uniform(dt, 1, 150, -0.1, 0.1).reshape(150);
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 2), rowGroupsOnly)) {
            HostTensor expected = HostTensor.zeros(dt, 96, 150);
            k.denseForward(x, w, b, Activation.TANH, expected);
            java.util.concurrent.Callable<Boolean> caller = () -> {
                for (int i = 0; i < 40; i++) {
                    HostTensor out = HostTensor.zeros(dt, 96, 150);
                    k.denseForward(x, w, b, Activation.TANH, out);
                    assertBitwiseEqual(expected.toDoubleArray(), out.toDoubleArray());
                }
                return true;
            };
            try (var callers = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                var first = callers.submit(caller);
                var second = callers.submit(caller);
                assertThat(first.get() && second.get()).isTrue();
            }
        }
    }

    /** Five SGD steps of a 300-256:relu-130:tanh-10 classifier through the Kernel ops a model uses. */
    private static double[] trainSteps(Kernel k, DType dt) {
        RandomTensors rnd = new RandomTensors(7);
        int batch = 257;
        int[] widths = {300, 256, 130, 10};
        Activation[] acts = {Activation.RELU, Activation.TANH, Activation.IDENTITY};
        HostTensor x = rnd.normalish(dt, batch, widths[0]);
        HostTensor y = rnd.classIndices(dt, batch, widths[3]);
        HostTensor[] w = new HostTensor[3];
        HostTensor[] b = new HostTensor[3];
        HostTensor[] out = new HostTensor[3];
        HostTensor[] grad = new HostTensor[3];
        HostTensor[] gw = new HostTensor[3];
        HostTensor[] gb = new HostTensor[3];
        for (int l = 0; l < 3; l++) {
            w[l] = rnd.uniform(dt, widths[l + 1], widths[l], -0.1, 0.1);
            b[l] = rnd.uniform(dt, 1, widths[l + 1], -0.1, 0.1).reshape(widths[l + 1]);
            out[l] = HostTensor.zeros(dt, batch, widths[l + 1]);
            grad[l] = HostTensor.zeros(dt, batch, widths[l + 1]);
            gw[l] = HostTensor.zeros(dt, widths[l + 1], widths[l]);
            gb[l] = HostTensor.zeros(dt, widths[l + 1]);
        }
        double losses = 0;
        for (int step = 0; step < 5; step++) {
            for (int l = 0; l < 3; l++) {
                k.denseForward(l == 0 ? x : out[l - 1], w[l], b[l], acts[l], out[l]);
            }
            losses += k.loss(LossKind.CROSS_ENTROPY, out[2], y);
            k.lossGradient(LossKind.CROSS_ENTROPY, out[2], y, grad[2]);
            for (int l = 2; l >= 0; l--) {
                k.denseBackward(l == 0 ? x : out[l - 1], w[l], out[l], acts[l], grad[l], gw[l], gb[l],
                        l == 0 ? null : grad[l - 1]);
            }
            for (int l = 0; l < 3; l++) {
                k.sgdUpdate(w[l], gw[l], null, SgdParams.plain(0.05), step == 0);
                k.sgdUpdate(b[l], gb[l], null, SgdParams.plain(0.05), step == 0);
            }
        }
        List<Double> all = new ArrayList<>();
        all.add(losses);
        for (int l = 0; l < 3; l++) {
            for (double v : w[l].toDoubleArray()) {
                all.add(v);
            }
            for (double v : b[l].toDoubleArray()) {
                all.add(v);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertBitwiseEqual(double[] expected, double[] actual) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                throw new AssertionError("element " + i + " differs: " + actual[i] + " vs " + expected[i]);
            }
        }
    }
}
