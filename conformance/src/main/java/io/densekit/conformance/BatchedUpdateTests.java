package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** The multi-tensor optimizer updates equal the one-by-one updates bit for bit, over several steps. */
final class BatchedUpdateTests {
    private BatchedUpdateTests() {
    }

    static Stream<DynamicTest> of(Kernel kernel, List<DType> dtypes) {
        List<DynamicTest> tests = new ArrayList<>();
        for (DType dt : dtypes) {
            for (SgdParams sp : new SgdParams[] {SgdParams.plain(0.05), new SgdParams(0.05, 0.9, 0.1, false, 0.01),
                new SgdParams(0.05, 0.9, 0, true, 0)}) {
                tests.add(dynamicTest("sgdUpdateAll " + sp + " " + dt, () -> checkSgdAll(kernel, dt, sp)));
            }
            tests.add(dynamicTest("adamUpdateAll " + dt, () -> checkAdamAll(kernel, dt, new AdamParams(0.01, 0.8, 0.99, 1e-6, 0.01))));
        }
        return tests.stream();
    }

    /** Shapes of a small model's parameters, with tails: weights and biases of several sizes. */
    private static final int[][] PARAM_SHAPES = {{3, 17}, {3, 1}, {1, 127}, {33, 5}, {1, 1}};

    /** The batched SGD update is the one-by-one update, bit for bit, over several steps. */
    private static void checkSgdAll(Kernel kernel, DType dt, SgdParams sp) {
        RandomTensors rnd = new RandomTensors(71);
        int n = PARAM_SHAPES.length;
        Tensor[] pAll = new Tensor[n + 2]; // longer than count: only the first count entries count
        Tensor[] pOne = new Tensor[n];
        Tensor[] bAll = new Tensor[n];
        Tensor[] bOne = new Tensor[n];
        for (int i = 0; i < n; i++) {
            HostTensor p = rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]);
            pAll[i] = up(kernel, p);
            pOne[i] = up(kernel, p);
            bAll[i] = kernel.allocate(dt, PARAM_SHAPES[i]);
            bOne[i] = kernel.allocate(dt, PARAM_SHAPES[i]);
        }
        for (int step = 0; step < 3; step++) {
            Tensor[] g = new Tensor[n];
            for (int i = 0; i < n; i++) {
                g[i] = up(kernel, rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]));
                kernel.sgdUpdate(pOne[i], g[i], sp.hasMomentum() ? bOne[i] : null, sp, step == 0);
            }
            kernel.sgdUpdateAll(n, pAll, g, sp.hasMomentum() ? bAll : null, sp, step == 0);
            for (int i = 0; i < n; i++) {
                assertThat(down(kernel, pAll[i]).toDoubleArray()).as("param " + i + " step " + step)
                        .containsExactly(down(kernel, pOne[i]).toDoubleArray());
                assertThat(down(kernel, bAll[i]).toDoubleArray()).as("buffer " + i + " step " + step)
                        .containsExactly(down(kernel, bOne[i]).toDoubleArray());
            }
        }
    }

    /** The batched Adam update is the one-by-one update, bit for bit, over several steps. */
    private static void checkAdamAll(Kernel kernel, DType dt, AdamParams ap) {
        RandomTensors rnd = new RandomTensors(73);
        int n = PARAM_SHAPES.length;
        Tensor[][] all = new Tensor[3][n];
        Tensor[][] one = new Tensor[3][n];
        for (int i = 0; i < n; i++) {
            HostTensor p = rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]);
            all[0][i] = up(kernel, p);
            one[0][i] = up(kernel, p);
            for (int s = 1; s < 3; s++) {
                all[s][i] = kernel.allocate(dt, PARAM_SHAPES[i]);
                one[s][i] = kernel.allocate(dt, PARAM_SHAPES[i]);
            }
        }
        for (int step = 1; step <= 3; step++) {
            Tensor[] g = new Tensor[n];
            for (int i = 0; i < n; i++) {
                g[i] = up(kernel, rnd.normalish(dt, PARAM_SHAPES[i][0], PARAM_SHAPES[i][1]));
                kernel.adamUpdate(one[0][i], g[i], one[1][i], one[2][i], ap, step);
            }
            kernel.adamUpdateAll(n, all[0], g, all[1], all[2], ap, step);
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < n; i++) {
                    assertThat(down(kernel, all[s][i]).toDoubleArray()).as("tensor " + s + "/" + i + " step " + step)
                            .containsExactly(down(kernel, one[s][i]).toDoubleArray());
                }
            }
        }
    }

}
