package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.cuda.memory.AllocatorStats;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import io.densekit.train.TrainingListener;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 10 000 training steps (with a validation pass every epoch) allocate no new device memory after
 * the first epoch ({@code densekit.test.stability.epochs} epochs of 20 steps; 500 by default).
 */
class CudaTrainingStabilityTest {
    private static final int BATCH = 512;
    private static final int BATCHES_PER_EPOCH = 20;
    /** 500 on a GPU; fewer in the emulated run, whose GEMM is a plain loop. */
    private static final int EPOCHS = Integer.getInteger("densekit.test.stability.epochs", 500);

    @Test
    void tenThousandStepsWithoutDeviceMemoryGrowth() {
        try (CudaKernel kernel = Gpu.kernel(new CudaConfig(0, false))) {
            SplittableRandom r = new SplittableRandom(7);
            int n = BATCH * BATCHES_PER_EPOCH;
            HostTensor x = HostTensor.zeros(DType.F32, n, 784);
            HostTensor y = HostTensor.zeros(DType.F32, n, 1);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, r.nextDouble());
            }
            for (int i = 0; i < n; i++) {
                y.setFlat(i, r.nextInt(10));
            }
            HostTensor xv = x.rowSlice(0, 1000).copy();
            HostTensor yv = y.rowSlice(0, 1000).copy();
            AllocatorStats[] afterFirstEpoch = new AllocatorStats[1];
            long[] freeAfterFirstEpoch = new long[1];
            int[] steps = new int[1];
            TrainingListener watch = new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, double loss) {
                    steps[0]++;
                }

                @Override
                public void onEpoch(int epoch, double trainLoss, double validLoss) {
                    if (epoch == 0) {
                        afterFirstEpoch[0] = kernel.memoryStats();
                        freeAfterFirstEpoch[0] = kernel.freeDeviceBytes();
                    }
                }
            };
            try (Sequential model = Sequential.of("784,128:relu,64:relu,10", kernel, DType.F32, 1)) {
                History h = new Trainer(model).fit(new Dataset(x, y), new Dataset(xv, yv),
                        FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(EPOCHS).batch(BATCH)
                                .optimizer(OptimizerSpec.adam(1e-3)).shuffle(true, 3).listener(watch).build());
                AllocatorStats end = kernel.memoryStats();
                assertThat(steps[0]).isEqualTo(EPOCHS * BATCHES_PER_EPOCH);
                assertThat(h.trainLoss()).allMatch(Double::isFinite);
                assertThat(end.deviceAllocations()).as("driver allocations after epoch 0")
                        .isEqualTo(afterFirstEpoch[0].deviceAllocations());
                assertThat(end.heldBytes()).isEqualTo(afterFirstEpoch[0].heldBytes());
                assertThat(kernel.freeDeviceBytes()).isGreaterThanOrEqualTo(freeAfterFirstEpoch[0] - (16L << 20));
            }
        }
    }
}
