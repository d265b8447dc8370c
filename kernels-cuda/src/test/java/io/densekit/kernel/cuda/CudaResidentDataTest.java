package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.internal.ModelInternals;
import io.densekit.kernel.BatchFeed;
import io.densekit.kernel.DataPlacement;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.StreamedPlacement;
import io.densekit.nn.Sequential;
import io.densekit.nn.Targets;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resident data sets (the default): the trainer uploads the training set once and cuts every batch
 * on the device; with {@code densekit.cuda.resident=false} it sends every batch from the host. Both
 * give the same bits. Skipped with the reason where no GPU is usable.
 */
class CudaResidentDataTest {
    @RegisterExtension
    static final GpuKernel RESIDENT = new GpuKernel(() -> new CudaConfig(0, false, false, true));
    @RegisterExtension
    static final GpuKernel UPLOADS = new GpuKernel(() -> new CudaConfig(0, false, false, false));
    private CudaKernel resident;
    private CudaKernel uploads;

    @BeforeEach
    void kernels() {
        resident = RESIDENT.get();
        uploads = UPLOADS.get();
    }

    private static HostTensor[] data(DType dt, int n, int in, int classes, long seed) {
        return Fits.data(dt, n, in, classes, seed);
    }

    private static double[] train(CudaKernel k, DType dt, FitOptions.Builder options, HostTensor[] xy,
                                  HostTensor[] valid, History[] history) {
        return Fits.train(k, "6,32:tanh,32:relu,3", dt, options, xy, valid, history);
    }

    @Test
    void residentDataIsOnByDefaultForDataThatFits() {
        assertThat(resident.details()).contains("resident data on");
        assertThat(uploads.details()).contains("resident data off");
        assertThat(resident.keepsResident(1L << 20)).isTrue();
        assertThat(resident.keepsResident(resident.freeDeviceBytes())).as("more than a quarter of free memory").isFalse();
        assertThat(uploads.keepsResident(8)).isFalse();
    }

    /** The kernel's own placement decides from the fit's bytes and epochs; nothing is uploaded until a feed is asked for. */
    @Test
    void theKernelsPlacementKeepsDataOfAFitOfSeveralEpochsThatFits() {
        long live = resident.memoryStats().liveBytes();
        try (DataPlacement p = resident.training().placement(1L << 20, 3)) {
            assertThat(p).isInstanceOf(ResidentPlacement.class);
            assertThat(resident.memoryStats().liveBytes()).isEqualTo(live);
        }
        try (DataPlacement p = resident.training().placement(1L << 20, 1)) {
            assertThat(p).as("one epoch: every row goes up once either way").isInstanceOf(StreamedPlacement.class);
        }
        try (DataPlacement p = resident.training().placement(resident.freeDeviceBytes(), 3)) {
            assertThat(p).as("more than a quarter of free memory").isInstanceOf(StreamedPlacement.class);
        }
        try (DataPlacement p = uploads.training().placement(8, 3)) {
            assertThat(p).isInstanceOf(StreamedPlacement.class);
            assertThat(p.keep(HostTensor.zeros(DType.F32, 2, 2))).isEmpty();
        }
    }

    @Test
    void aResidentFeedCutsBatchesOnTheDevice() {
        HostTensor x = data(DType.F64, 10, 3, 2, 4)[0];
        try (DataPlacement p = resident.training().placement(1L << 20, 2)) {
            BatchFeed feed = p.batches(x, 4);
            Tensor kept = p.keep(x).orElseThrow();
            assertThat(resident.download(kept).toDoubleArray()).containsExactly(x.toDoubleArray());
            Tensor a = feed.batch(new int[] {9, 0, 5, 5, 2}, 1, 5);
            assertThat(a).isInstanceOf(CudaTensor.class);
            HostTensor expected = HostTensor.zeros(DType.F64, 4, 3);
            int[] rows = {0, 5, 5, 2};
            for (int i = 0; i < 4; i++) {
                x.copyRowInto(rows[i], expected, i);
            }
            assertThat(resident.download(a).toDoubleArray()).containsExactly(expected.toDoubleArray());
            Tensor last = feed.batch(null, 8, 10);
            assertThat(resident.download(last).toDoubleArray()).containsExactly(x.rowSlice(8, 10).toDoubleArray());
        }
    }

    @Test
    void residentBatchesGiveTheSameBitsAsUploadedOnes() {
        for (DType dt : DType.values()) {
            // 7 batches of 48 and a last one of 24, with validation.
            HostTensor[] xy = data(dt, 360, 6, 3, 5);
            HostTensor[] valid = data(dt, 50, 6, 3, 6);
            for (boolean shuffle : new boolean[] {false, true}) {
                for (OptimizerSpec opt : Fits.optimizers(0.05)) {
                    FitOptions.Builder o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(3).batch(48)
                            .optimizer(opt).shuffle(shuffle, 9);
                    History[] hu = new History[1];
                    History[] hr = new History[1];
                    double[] wu = train(uploads, dt, o, xy, valid, hu);
                    double[] wr = train(resident, dt, o, xy, valid, hr);
                    String what = dt + " " + opt + (shuffle ? " shuffled" : " in order");
                    assertThat(hr[0].trainLoss()).as(what + " train loss").containsExactlyElementsOf(hu[0].trainLoss());
                    assertThat(hr[0].validLoss()).as(what + " valid loss").containsExactlyElementsOf(hu[0].validLoss());
                    assertThat(wr).as(what + " weights").containsExactly(wu);
                }
            }
        }
    }

    /** Three chunks of 4096, 4096 and 808 rows, their losses queued and read together. */
    @Test
    void validationInDeviceMemoryGivesTheUploadedValue() {
        for (DType dt : DType.values()) {
            HostTensor[] xy = data(dt, 9000, 6, 3, 8);
            try (Sequential m = Sequential.of("6,32:tanh,32:relu,3", resident, dt, 4)) {
                double uploaded = m.evaluate(xy[0], xy[1], LossKind.CROSS_ENTROPY);
                Tensor x = resident.upload(xy[0]);
                Tensor t = resident.upload(Targets.prepare(LossKind.CROSS_ENTROPY, xy[1], 9000, 3, dt));
                assertThat(ModelInternals.evaluateInKernel(m, x, t, LossKind.CROSS_ENTROPY)).as(dt.toString()).isEqualTo(uploaded);
                x.close();
                t.close();
            }
        }
    }

    @Test
    void theResidentCopyIsGivenBackAfterTheFit() {
        HostTensor[] xy = data(DType.F32, 200, 6, 3, 7);
        FitOptions.Builder o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(2).batch(50).shuffle(true, 3);
        HostTensor[] valid = {xy[0].rowSlice(0, 40), xy[1].rowSlice(0, 40)};
        // A first run leaves what the kernel keeps between fits (tensor table, row numbers).
        train(resident, DType.F32, o, xy, valid, new History[1]);
        long before = resident.memoryStats().liveBytes();
        train(resident, DType.F32, o.epochs(3), xy, valid, new History[1]);
        assertThat(resident.memoryStats().liveBytes()).isEqualTo(before);
    }

    @Test
    void copyRowsRefusesHostTensorsAndRecordedRowNumbers() {
        Tensor all = resident.upload(data(DType.F64, 10, 3, 2, 1)[0]);
        Tensor dst = resident.allocate(DType.F64, 4, 3);
        assertThatThrownBy(() -> resident.copyRows(HostTensor.zeros(DType.F64, 10, 3), null, 0, dst))
                .isInstanceOf(DTypeException.class).hasMessageContaining("copyRows: src is a HostTensor");
        CudaKernel graphs = Gpu.kernel(new CudaConfig(0, false, true));
        try {
            Tensor gAll = graphs.upload(data(DType.F64, 10, 3, 2, 1)[0]);
            Tensor gDst = graphs.allocate(DType.F64, 4, 3);
            assertThatThrownBy(() -> graphs.recorder().orElseThrow().record(() ->
                    graphs.copyRows(gAll, new int[] {1, 2, 3, 4}, 0, gDst)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("copyRows with an order");
            // Rows in order are device work only: they can be recorded, and a replay copies them again.
            try (var r = graphs.recorder().orElseThrow().record(() -> graphs.copyRows(gAll, null, 6, gDst))) {
                r.replay();
                assertThat(graphs.download(gDst).toDoubleArray())
                        .containsExactly(graphs.download(gAll).rowSlice(6, 10).toDoubleArray());
            }
        } finally {
            graphs.close();
        }
        all.close();
        dst.close();
    }
}
