package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.BatchStep;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRunner;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CUDA graphs (opt-in): training with recorded steps gives the same bits as without, and what a
 * recording cannot hold is refused with a message. Skipped with the reason where no GPU is usable.
 */
class CudaGraphsTest {
    @RegisterExtension
    static final GpuKernel GRAPHS = new GpuKernel(() -> new CudaConfig(0, false, true));
    @RegisterExtension
    static final GpuKernel EAGER = new GpuKernel(() -> new CudaConfig(0, false, false));
    private CudaKernel graphs;
    private CudaKernel eager;

    @BeforeEach
    void kernels() {
        graphs = GRAPHS.get();
        eager = EAGER.get();
    }

    private static HostTensor[] data(DType dt, int n, int in, int classes, long seed) {
        return Fits.data(dt, n, in, classes, seed);
    }

    private static double[] train(CudaKernel k, DType dt, FitOptions.Builder options, HostTensor[] xy,
                                  HostTensor[] valid, History[] history) {
        return Fits.train(k, "6,32:tanh,32:softmax,32:sigmoid,32:relu,3", dt, options, xy, valid, history);
    }

    @Test
    void graphsOffByDefaultAndOnWhenAskedFor() {
        assertThat(eager.recorder()).isEmpty();
        assertThat(eager.details()).contains("graphs off");
        assertThat(graphs.recorder()).isPresent();
        assertThat(graphs.details()).contains("graphs on");
        try (StepRunner r = graphs.training().steps((x, y) -> () -> 0, 48)) {
            assertThat(r).isInstanceOf(RecordedSteps.class);
        }
        try (StepRunner r = eager.training().steps((x, y) -> () -> 0, 48)) {
            assertThat(r).isNotInstanceOf(RecordedSteps.class);
        }
    }

    @Test
    void recordedStepsGiveTheSameBitsAsEagerSteps() {
        for (DType dt : DType.values()) {
            // 7 batches of 48 and a last one of 24, shuffled, with validation: both input buffers are
            // recorded, the short batch runs eagerly, and the validation pass runs between replays.
            HostTensor[] xy = data(dt, 360, 6, 3, 5);
            HostTensor[] valid = data(dt, 50, 6, 3, 6);
            for (OptimizerSpec opt : Fits.optimizers(0.05)) {
                FitOptions.Builder o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(3).batch(48).optimizer(opt)
                        .shuffle(true, 9);
                History[] he = new History[1];
                History[] hg = new History[1];
                double[] we = train(eager, dt, o, xy, valid, he);
                double[] wg = train(graphs, dt, o, xy, valid, hg);
                assertThat(hg[0].trainLoss()).as(dt + " " + opt + " train loss").containsExactlyElementsOf(he[0].trainLoss());
                assertThat(hg[0].validLoss()).as(dt + " " + opt + " valid loss").containsExactlyElementsOf(he[0].validLoss());
                assertThat(wg).as(dt + " " + opt + " weights").containsExactly(we);
            }
        }
    }

    /**
     * The runner runs the first full batch as it comes, records the step on a full-batch buffer the
     * next time it sees it and replays it after that; a shorter batch always runs as it comes.
     */
    @Test
    void theStepRunnerRecordsFullBatchesAfterOneEagerStepAndReplaysThem() {
        Tensor p = graphs.upload(HostTensor.of(DType.F64, new double[][] {{0.2, 0.8}, {0.3, 0.7}}));
        Tensor t = graphs.upload(HostTensor.of(DType.F64, new double[][] {{1}, {0}}));
        Tensor shortP = graphs.upload(HostTensor.of(DType.F64, new double[][] {{0.4, 0.6}}));
        Tensor shortT = graphs.upload(HostTensor.of(DType.F64, new double[][] {{1}}));
        int[] bodyRuns = new int[1];
        BatchStep body = (x, y) -> {
            bodyRuns[0]++;
            return graphs.lossAsync(LossKind.CROSS_ENTROPY, x, y);
        };
        double expected = graphs.loss(LossKind.CROSS_ENTROPY, p, t);
        try (StepRunner r = graphs.training().steps(body, 2)) {
            assertThat(r.run(p, t).get()).isEqualTo(expected);
            assertThat(bodyRuns[0]).as("the first full batch runs as it comes").isEqualTo(1);
            assertThat(r.run(p, t).get()).isEqualTo(expected);
            assertThat(bodyRuns[0]).as("then it is recorded (the body runs inside the recording)").isEqualTo(2);
            graphs.copyFromHost(HostTensor.of(DType.F64, new double[][] {{0.9, 0.1}, {0.5, 0.5}}), p);
            assertThat(r.run(p, t).get()).isEqualTo(graphs.loss(LossKind.CROSS_ENTROPY, p, t)).isNotEqualTo(expected);
            assertThat(bodyRuns[0]).as("and replayed").isEqualTo(2);
            r.run(shortP, shortT).get();
            r.run(shortP, shortT).get();
            assertThat(bodyRuns[0]).as("a short batch always runs as it comes").isEqualTo(4);
        }
    }

    @Test
    void aRecordingRefusesHostReadsAndCopiesAndLivesUntilClosed() {
        StepRecorder rec = graphs.recorder().orElseThrow();
        Tensor p = graphs.upload(HostTensor.of(DType.F64, new double[][] {{0.2, 0.8}}));
        Tensor t = graphs.upload(HostTensor.of(DType.F64, new double[][] {{1}}));
        assertThatThrownBy(() -> rec.record(() -> graphs.loss(LossKind.CROSS_ENTROPY, p, t)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be part of a recorded step");
        assertThatThrownBy(() -> rec.record(() -> graphs.copyFromHost(HostTensor.zeros(DType.F64, 1, 2), p)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("copyFromHost");
        PendingLoss[] queued = new PendingLoss[1];
        StepRecorder.Recording r = rec.record(() -> queued[0] = graphs.lossAsync(LossKind.CROSS_ENTROPY, p, t));
        double expected = graphs.loss(LossKind.CROSS_ENTROPY, p, t);
        r.replay();
        assertThat(queued[0].get()).isEqualTo(expected);
        graphs.copyFromHost(HostTensor.of(DType.F64, new double[][] {{0.9, 0.1}}), p);
        r.replay();
        assertThat(queued[0].get()).isEqualTo(graphs.loss(LossKind.CROSS_ENTROPY, p, t)).isNotEqualTo(expected);
        r.close();
        assertThatThrownBy(r::replay).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(queued[0]::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /** A copy into a tensor on the copy stream waits for the last operation that used it: a replay counts. */
    @Test
    void aReplayMarksTheTensorsItUsesAsUsed() {
        Tensor p = graphs.upload(HostTensor.of(DType.F32, new double[][] {{0.2, 0.8}}));
        Tensor t = graphs.upload(HostTensor.of(DType.F32, new double[][] {{1}}));
        try (StepRecorder.Recording r = graphs.recorder().orElseThrow()
                .record(() -> graphs.lossAsync(LossKind.CROSS_ENTROPY, p, t))) {
            graphs.allocate(DType.F32, 3, 3).close(); // unrelated operations in between
            long before = ((CudaTensor) p).lastUse();
            r.replay();
            assertThat(((CudaTensor) p).lastUse()).isGreaterThan(before);
            assertThat(((CudaTensor) t).lastUse()).isEqualTo(((CudaTensor) p).lastUse());
        }
    }

    @Test
    void closingTheRecordingsGivesBackTheirMemory() {
        HostTensor[] xy = data(DType.F32, 200, 6, 3, 7);
        // A first run leaves what the kernel keeps between fits (the optimizer's tensor table).
        train(graphs, DType.F32, FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(1).batch(50), xy, null, new History[1]);
        long before = graphs.memoryStats().liveBytes();
        train(graphs, DType.F32, FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(2).batch(50), xy, null, new History[1]);
        assertThat(graphs.memoryStats().liveBytes()).isEqualTo(before);
    }
}
