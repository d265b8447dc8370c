package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer's chunked mode ({@link FitOptions#gradientChunkRows()}): with one chunk per batch it
 * has the unchunked bits; with several, float64 stays within rounding of the unchunked result.
 */
class ChunkedGradientsTest {
    private static final Kernel KERNEL = new ReferenceKernel();
    private static final int ROWS = 203; // six full batches of 32 and a short one of 11

    private record Run(History history, Map<String, HostTensor> weights) {
    }

    static OptimizerSpec optimizer(String name) {
        return name.equals("adam")
                ? OptimizerSpec.adam(new AdamParams(0.01, 0.9, 0.999, 1e-8, 1e-3))
                : OptimizerSpec.sgd(new SgdParams(0.05, 0.9, 0, false, 1e-3));
    }

    /** Inputs and targets for {@code loss}: regression targets for MSE, class indices or one-hot rows otherwise. */
    static Dataset data(DType dtype, LossKind loss, boolean oneHot) {
        HostTensor x = new RandomTensors(3).normalish(dtype, ROWS, 7);
        if (loss == LossKind.MSE) {
            return new Dataset(x, new RandomTensors(4).normalish(dtype, ROWS, 4));
        }
        HostTensor y = HostTensor.zeros(dtype, ROWS, oneHot ? 4 : 1);
        for (int i = 0; i < ROWS; i++) {
            int c = (i * 7 + i / 5) % 4;
            if (oneHot) {
                y.set(i, c, 1);
            } else {
                y.set(i, 0, c);
            }
        }
        return new Dataset(x, y);
    }

    private static Run train(DType dtype, LossKind loss, boolean oneHot, String optimizer, boolean shuffle,
                             int chunkRows) {
        try (Sequential m = Sequential.of("7,16:tanh,4", KERNEL, dtype, 11)) {
            History h = new Trainer(m).fit(data(dtype, loss, oneHot), FitOptions.builder(loss).epochs(3).batch(32)
                    .optimizer(optimizer(optimizer)).shuffle(shuffle, 5).gradientChunkRows(chunkRows).build());
            return new Run(h, m.state().export());
        }
    }

    @ParameterizedTest(name = "{0} {1} one-hot {2} {3} shuffled {4}, chunks of {5}")
    @CsvSource({"F32, MSE, false, sgd, false, 32", "F32, MSE, false, adam, true, 32",
                "F64, MSE, false, sgd, true, 32", "F64, MSE, false, adam, false, 32",
                "F32, CROSS_ENTROPY, false, sgd, true, 32", "F64, CROSS_ENTROPY, true, adam, false, 32",
                "F32, CROSS_ENTROPY, true, adam, false, 100", "F64, CROSS_ENTROPY, false, sgd, false, 40"})
    void oneChunkPerBatchGivesTheUnchunkedBits(DType dtype, LossKind loss, boolean oneHot, String optimizer,
                                              boolean shuffle, int chunkRows) {
        Run unchunked = train(dtype, loss, oneHot, optimizer, shuffle, 0);
        Run chunked = train(dtype, loss, oneHot, optimizer, shuffle, chunkRows);
        assertThat(chunked.history()).isEqualTo(unchunked.history());
        unchunked.weights().forEach((name, t) -> assertThat(chunked.weights().get(name).toDoubleArray()).as(name)
                .containsExactly(t.toDoubleArray()));
    }

    /** Chunks of 7 (32 = 4 x 7 + 4, and 11 = 7 + 4): sums of five and two chunks in the tree. */
    @ParameterizedTest(name = "{0} one-hot {1} {2}")
    @CsvSource({"MSE, false, sgd", "MSE, false, adam", "CROSS_ENTROPY, false, sgd", "CROSS_ENTROPY, true, adam"})
    void float64ChunksStayWithinRoundingOfTheUnchunkedFit(LossKind loss, boolean oneHot, String optimizer) {
        Run unchunked = train(DType.F64, loss, oneHot, optimizer, true, 0);
        Run chunked = train(DType.F64, loss, oneHot, optimizer, true, 7);
        WeightDifferences.assertWithin(chunked.weights(), unchunked.weights(), 1e-12);
        for (int e = 0; e < 3; e++) {
            double want = unchunked.history().trainLoss().get(e);
            assertThat(chunked.history().trainLoss().get(e)).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * want));
        }
        // Really chunked: the rounding differs somewhere, or the mode would not have cut anything.
        assertThat(chunked.weights().get("0.weight").toDoubleArray())
                .isNotEqualTo(unchunked.weights().get("0.weight").toDoubleArray());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"-1", "-32"})
    void negativeChunkRowsAreRefused(int rows) {
        assertThatThrownBy(() -> FitOptions.builder(LossKind.MSE).gradientChunkRows(rows).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gradientChunkRows must be 0 (off) or positive, got " + rows);
    }
}
