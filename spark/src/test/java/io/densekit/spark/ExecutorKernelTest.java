package io.densekit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import org.apache.spark.ml.param.ParamMap;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel is pinned on executors: one that cannot run it, or runs it at another vector width,
 * fails the fit (one line naming the partition, its executor, the kernel and the reason) or the
 * transform, and no other kernel stands in. The test kernels run on the driver and change inside
 * Spark tasks ({@link DriverOnlyKernelProvider}, {@link OtherWidthKernelProvider}).
 */
class ExecutorKernelTest {
    private static final TestData DATA = TestData.of(12, LossKind.CROSS_ENTROPY, false, 13);
    private static DenseNetModel model;

    /** One step of a tiny model: the failures come at the first step's job. */
    private static DenseNetEstimator estimator(String kernel) {
        return ExactTrainingTest.estimator(LossKind.CROSS_ENTROPY, DType.F32, "sgd", kernel).setEpochs(1);
    }

    @BeforeAll
    static void fit() {
        model = estimator("simd").fit(DATA.frame(2));
    }

    /** The driver's pin of a test kernel, e.g. "otherwidth (256-bit)". */
    private static String driverPin(String kernel) {
        return KernelPin.of(Kernels.byName(kernel)).toString();
    }

    /** What a fit on {@code kernel} throws: one line, naming the first partition in partition order. */
    private static AbstractThrowableAssert<?, ? extends Throwable> fitFailure(String kernel) {
        Throwable t = catchThrowable(() -> estimator(kernel).fit(DATA.frame(2)));
        assertThat(t).as("the fit on " + kernel).isNotNull();
        assertThat(t.getMessage()).startsWith("partition 0 (executor ").doesNotContain("\n");
        return assertThat(t);
    }

    /** The first line of what a transform on {@code kernel} throws when its rows are collected. */
    private static String transformFailure(String kernel) {
        DenseNetModel m = model.copy(ParamMap.empty()).setKernel(kernel);
        Throwable t = catchThrowable(() -> m.transform(DATA.frame(2)).collectAsList());
        assertThat(t).as("the transform on " + kernel).isNotNull();
        return t.getMessage().lines().findFirst().orElse("");
    }

    @Test
    void aFitFailsWithTheKernelsReasonWhenAnExecutorCannotRunIt() {
        String name = DriverOnlyKernelProvider.NAME;
        fitFailure(name).isInstanceOf(KernelUnavailableException.class)
                .hasMessageEndingWith(" cannot run kernel '" + name + "', which the fit is pinned to: kernel '"
                        + name + "' is unavailable: " + DriverOnlyKernelProvider.REASON);
    }

    @Test
    void aFitFailsWhenAnExecutorRunsTheKernelAtAnotherWidth() {
        String name = OtherWidthKernelProvider.NAME;
        fitFailure(name).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(") runs kernel " + name + " (" + OtherWidthKernelProvider.TASK_WIDTH
                        + "), the driver " + driverPin(name) + "; exact results need the same kernel");
    }

    /** A transform fails in the action that reads its rows, as Spark's exception, whose first line says why. */
    @Test
    void aTransformFailsWithTheKernelsReasonWhenAnExecutorCannotRunIt() {
        String name = DriverOnlyKernelProvider.NAME;
        assertThat(transformFailure(name)).contains("KernelUnavailableException: executor ")
                .endsWith(" cannot run kernel '" + name + "', which this transform is pinned to: kernel '" + name
                        + "' is unavailable: " + DriverOnlyKernelProvider.REASON);
    }

    @Test
    void aTransformFailsWhenAnExecutorRunsTheKernelAtAnotherWidth() {
        String name = OtherWidthKernelProvider.NAME;
        assertThat(transformFailure(name)).contains("IllegalStateException: executor ")
                .contains(" runs kernel " + name + " (" + OtherWidthKernelProvider.TASK_WIDTH + "), the driver "
                        + driverPin(name) + "; exact results need the same kernel");
    }
}
