package io.densekit.parity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.History;
import io.densekit.train.Trainer;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every PyTorch fixture on a kernel and compares per-epoch losses and final weights.
 *
 * <p>float64: MAPE <= 1e-12 against PyTorch's float64 run (the seeds reached ~1e-14; an
 * independent numpy replay of these fixtures reached 1.3e-16 to 5.8e-15).
 *
 * <p>float32: two float32 implementations that round differently drift apart by an amount set by
 * the problem's conditioning, not by a fixed constant, so the test does not compare float32 runs
 * with each other. It asks instead that densekit's float32 run be about as accurate as PyTorch's:
 * its MAPE against the float64 result may be at most {@value #F32_ACCURACY_FACTOR} times PyTorch
 * float32's MAPE against the same float64 result, plus {@value #F32_FLOOR} (a few float32 ulps,
 * for cases where PyTorch's float32 error is itself near zero).
 */
public abstract class PyTorchParitySuite {
    public static final double F64_MAPE = 1e-12;
    public static final double F32_ACCURACY_FACTOR = 4;
    public static final double F32_FLOOR = 1e-6;

    /**
     * The dtypes to replay, from the system property {@value #DTYPES_PROPERTY} ("f32,f64" when unset).
     * A build may replay one dtype only where a pass is slow (the GPU tests on the CPU emulator).
     */
    public static final String DTYPES_PROPERTY = "densekit.test.parity.dtypes";

    protected abstract Kernel kernel();

    private static void assumeReplayed(DType dtype) {
        String dtypes = System.getProperty(DTYPES_PROPERTY, "f32,f64");
        Assumptions.assumeTrue(Arrays.asList(dtypes.split(",")).contains(dtype.shortName()),
                () -> dtype.shortName() + " fixtures are not replayed in this pass (" + DTYPES_PROPERTY + "=" + dtypes + ")");
    }

    private static double worstWeightMape(Map<String, HostTensor> actual, Map<String, HostTensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        double worst = 0;
        for (String k : expected.keySet()) {
            worst = Math.max(worst, Mape.of(actual.get(k).toDoubleArray(), expected.get(k).toDoubleArray()));
        }
        return worst;
    }

    private record Run(History history, Map<String, HostTensor> weights) {
    }

    private Run train(ParityFixture f, DType dtype) {
        try (Sequential m = Sequential.of(f.model(), kernel(), dtype, 0)) {
            m.state().load(f.init());
            History h = new Trainer(m).fit(f.train(), f.valid(), f.options());
            return new Run(h, m.state().export());
        }
    }

    @TestFactory
    Stream<DynamicTest> float64MatchesPyTorch() {
        assumeReplayed(DType.F64);
        return ParityFixture.CASES.stream().map(name -> dynamicTest(name + " f64", () -> {
            ParityFixture f = ParityFixture.load(name);
            Run run = train(f, DType.F64);
            double train = Mape.of(run.history().trainLoss(), f.historyF64().trainLoss());
            double valid = Mape.of(run.history().validLoss(), f.historyF64().validLoss());
            double weights = worstWeightMape(run.weights(), f.finalF64());
            System.out.printf("parity %-9s %-26s f64 MAPE: train loss %.2e, valid loss %.2e, weights %.2e%n",
                    kernel().name(), name, train, valid, weights);
            assertThat(train).as("%s train loss MAPE", name).isLessThanOrEqualTo(F64_MAPE);
            assertThat(valid).as("%s valid loss MAPE", name).isLessThanOrEqualTo(F64_MAPE);
            assertThat(weights).as("%s final weights MAPE", name).isLessThanOrEqualTo(F64_MAPE);
        }));
    }

    @TestFactory
    Stream<DynamicTest> float32IsAsAccurateAsPyTorchFloat32() {
        assumeReplayed(DType.F32);
        return ParityFixture.CASES.stream().map(name -> dynamicTest(name + " f32", () -> {
            ParityFixture f = ParityFixture.load(name);
            Run run = train(f, DType.F32);
            double ours = worstWeightMape(run.weights(), f.finalF64());
            double torch = worstWeightMape(f.finalF32(), f.finalF64());
            System.out.printf("parity %-9s %-26s f32 weights MAPE vs f64: ours %.2e, PyTorch f32 %.2e%n",
                    kernel().name(), name, ours, torch);
            assertThat(ours).as("%s f32 weights MAPE vs f64 (PyTorch f32: %.3g)", name, torch)
                    .isLessThanOrEqualTo(F32_ACCURACY_FACTOR * torch + F32_FLOOR);
            double oursLoss = Mape.of(run.history().validLoss(), f.historyF64().validLoss());
            double torchLoss = Mape.of(f.historyF32().validLoss(), f.historyF64().validLoss());
            assertThat(oursLoss).as("%s f32 valid loss MAPE vs f64 (PyTorch f32: %.3g)", name, torchLoss)
                    .isLessThanOrEqualTo(F32_ACCURACY_FACTOR * torchLoss + F32_FLOOR);
        }));
    }
}
