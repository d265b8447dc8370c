package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Activation;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.cuda.memory.CudaOutOfMemoryException;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.cublas.MathMode;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the conformance suite does not cover, on a real GPU; skipped with the reason where there is none. */
class CudaKernelGpuTest {
    @RegisterExtension
    static final GpuKernel GPU = new GpuKernel(() -> new CudaConfig(0, false));
    private CudaKernel kernel;

    @BeforeEach
    void kernel() {
        kernel = GPU.get();
    }

    private static HostTensor random(DType dt, int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor h = HostTensor.zeros(dt, rows, cols);
        for (int i = 0; i < h.size(); i++) {
            h.setFlat(i, r.nextDouble(-1, 1));
        }
        return h;
    }

    @Test
    void describesTheDeviceAndTheMathMode() {
        assertThat(kernel.name()).isEqualTo("cuda");
        assertThat(kernel.device()).startsWith("cuda:0 ");
        assertThat(kernel.details()).contains("sm_").contains("cuBLAS").contains("tf32 off");
        assertThat(kernel.mathMode()).isEqualTo(MathMode.DEFAULT);
    }

    @Test
    void tf32IsUsedOnlyWhenOptedIn() {
        try (CudaKernel tf32 = Gpu.kernel(new CudaConfig(0, true))) {
            assertThat(tf32.details()).contains("tf32 on");
            assertThat(tf32.mathMode()).isEqualTo(MathMode.TF32_TENSOR_OP);
        }
    }

    @Test
    void copiesRoundTripExactlyForViewsAndForCopiesLargerThanOneStagingChunk() {
        for (DType dt : DType.values()) {
            HostTensor big = random(dt, 3000, 2000, 1); // 24 or 48 MB: several chunks
            Tensor t = kernel.upload(big);
            assertSameElements(kernel.download(t).toDoubleArray(), big.toDoubleArray());
            HostTensor view = big.rowSlice(17, 33);
            Tensor v = kernel.allocate(dt, 16, 2000);
            kernel.copyFromHost(view, v);
            HostTensor back = HostTensor.zeros(dt, 40, 2000);
            kernel.copyToHost(v, back.rowSlice(4, 20));
            assertSameElements(back.rowSlice(4, 20).toDoubleArray(), view.toDoubleArray());
            t.close();
            v.close();
        }
    }

    @Test
    void aRowGatherLargerThanOneStagingChunkCopiesEveryRowExactly() {
        for (DType dt : DType.values()) {
            HostTensor big = random(dt, 3000, 2000, 5); // 24 or 48 MB: rows in several chunks
            int[] order = new int[3002];
            for (int i = 0; i < 3000; i++) {
                order[i + 2] = 2999 - i;
            }
            Tensor t = kernel.allocate(dt, 3000, 2000);
            kernel.copyRowsFromHost(big, order, 2, t);
            HostTensor expected = HostTensor.zeros(dt, 3000, 2000);
            for (int i = 0; i < 3000; i++) {
                big.copyRowInto(2999 - i, expected, i);
            }
            assertSameElements(kernel.download(t).toDoubleArray(), expected.toDoubleArray());
        }
    }

    @Test
    void aQueuedLossIsReadOnce() {
        Tensor p = kernel.upload(HostTensor.of(DType.F64, new double[][] {{0.2, 0.8}}));
        Tensor t = kernel.upload(HostTensor.of(DType.F64, new double[][] {{1}}));
        var pending = kernel.lossAsync(LossKind.CROSS_ENTROPY, p, t);
        assertThat(pending.get()).isEqualTo(kernel.loss(LossKind.CROSS_ENTROPY, p, t));
        assertThatThrownBy(pending::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("read already");
    }


    /** The fused backward epilogue (activation gradient + bias gradient in one launch) has the bits of the two ops. */
    @Test
    void theFusedDenseBackwardHasTheBitsOfItsParts() {
        for (DType dt : DType.values()) {
            for (Activation act : Activation.values()) {
                int n = 67, in = 5, out = 37; // two column blocks, the second partial; rows not a multiple of 8
                Tensor x = kernel.upload(random(dt, n, in, 1));
                Tensor w = kernel.upload(random(dt, out, in, 2));
                HostTensor z = random(dt, n, out, 3);
                Tensor a = kernel.allocate(dt, n, out);
                kernel.activationForward(act, kernel.upload(z), a);
                HostTensor gradA = random(dt, n, out, 4);

                Tensor gFused = kernel.upload(gradA);
                Tensor gW = kernel.allocate(dt, out, in);
                Tensor gB = kernel.allocate(dt, out);
                Tensor gX = kernel.allocate(dt, n, in);
                kernel.denseBackward(x, w, a, act, gFused, gW, gB, gX);

                Tensor g = kernel.upload(gradA);
                kernel.activationBackward(act, a, g, g);
                Tensor gB2 = kernel.allocate(dt, out);
                kernel.columnSums(g, gB2);
                Tensor gW2 = kernel.allocate(dt, out, in);
                kernel.gemm(true, false, 1, g, x, 0, gW2);
                Tensor gX2 = kernel.allocate(dt, n, in);
                kernel.gemm(false, false, 1, g, w, 0, gX2);

                String what = act + " " + dt;
                assertThat(kernel.download(gFused).toDoubleArray()).as("dz " + what).containsExactly(kernel.download(g).toDoubleArray());
                assertThat(kernel.download(gB).toDoubleArray()).as("gradB " + what).containsExactly(kernel.download(gB2).toDoubleArray());
                assertThat(kernel.download(gW).toDoubleArray()).as("gradW " + what).containsExactly(kernel.download(gW2).toDoubleArray());
                assertThat(kernel.download(gX).toDoubleArray()).as("gradX " + what).containsExactly(kernel.download(gX2).toDoubleArray());
                // And without a bias or an input gradient (the first layer's case).
                Tensor g3 = kernel.upload(gradA);
                Tensor gW3 = kernel.allocate(dt, out, in);
                kernel.denseBackward(x, w, a, act, g3, gW3, null, null);
                assertThat(kernel.download(g3).toDoubleArray()).as("dz, no bias " + what).containsExactly(kernel.download(g).toDoubleArray());
                assertThat(kernel.download(gW3).toDoubleArray()).as("gradW, no bias " + what).containsExactly(kernel.download(gW2).toDoubleArray());
            }
        }
    }
    /** Bitwise equality with the first difference named (AssertJ's diff of millions of elements takes minutes). */
    private static void assertSameElements(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        int i = java.util.Arrays.mismatch(actual, expected);
        assertThat(i).as(() -> "first difference at element " + i + " of " + expected.length + ": "
                + actual[i] + " instead of " + expected[i]).isEqualTo(-1);
    }

    @Test
    void outOfMemoryNamesTheRequestAndTheFreeMemoryAndTheKernelStaysUsable() {
        List<Tensor> hog = new ArrayList<>();
        try {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 256; i++) { // 4 GiB each: at most 1 TiB before giving up
                    hog.add(kernel.allocate(DType.F32, 32768, 32768));
                }
            }).isInstanceOf(CudaOutOfMemoryException.class)
                    .hasMessageContaining("out of device memory allocating 4.0 GiB for f32 tensor [32768, 32768]")
                    .hasMessageContaining("free of");
        } finally {
            hog.forEach(Tensor::close);
        }
        kernel.emptyCache();
        HostTensor a = random(DType.F64, 8, 5, 2);
        HostTensor b = random(DType.F64, 5, 3, 3);
        HostTensor expected = HostTensor.zeros(DType.F64, 8, 3);
        new ReferenceKernel().gemm(false, false, 1, a, b, 0, expected);
        Tensor c = kernel.allocate(DType.F64, 8, 3);
        kernel.gemm(false, false, 1, kernel.upload(a), kernel.upload(b), 0, c);
        double[] got = kernel.download(c).toDoubleArray();
        double[] want = expected.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void aClosedTensorIsAnErrorAndTheKernelStaysUsable() {
        Tensor z = kernel.allocate(DType.F32, 4, 4);
        z.close();
        assertThatThrownBy(() -> kernel.activationForward(Activation.RELU, z, z))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed cuda tensor");
        assertThatThrownBy(() -> kernel.download(z)).isInstanceOf(IllegalStateException.class);
        Tensor ok = kernel.upload(HostTensor.vector(DType.F32, -1, 2));
        kernel.activationForward(Activation.RELU, ok, ok);
        assertThat(kernel.download(ok).toDoubleArray()).containsExactly(0.0, 2.0);
    }

    @Test
    void hostTensorsAndTensorsOfAnotherKernelAreRefused() {
        HostTensor h = HostTensor.zeros(DType.F32, 2, 2);
        assertThatThrownBy(() -> kernel.activationForward(Activation.TANH, h, kernel.allocate(DType.F32, 2, 2)))
                .isInstanceOf(DTypeException.class).hasMessageContaining("HostTensor");
        try (CudaKernel other = Gpu.kernel(new CudaConfig(0, false))) {
            Tensor foreign = other.allocate(DType.F32, 2, 2);
            assertThatThrownBy(() -> kernel.activationForward(Activation.TANH, foreign, foreign))
                    .isInstanceOf(DTypeException.class).hasMessageContaining("another cuda kernel");
        }
    }

    @Test
    void closingAKernelReleasesItsDeviceMemoryAndLaterUseIsAnError() {
        long before = kernel.freeDeviceBytes();
        CudaKernel other = (CudaKernel) new CudaKernelProvider(NativeLibraries::system, () -> new CudaConfig(0, false)).create();
        Tensor t = other.allocate(DType.F32, 16384, 16384); // 1 GiB
        assertThat(kernel.freeDeviceBytes()).isLessThan(before - (1L << 29));
        other.close();
        other.close();
        assertThat(kernel.freeDeviceBytes()).isGreaterThan(before - (64L << 20));
        assertThatThrownBy(() -> other.allocate(DType.F32, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> other.download(t)).isInstanceOf(IllegalStateException.class);
        t.close(); // after the kernel: harmless
    }

    @Test
    void aGradientWithUncheckedTargetsStillRefusesABadClassIndex() {
        HostTensor targets = HostTensor.zeros(DType.F64, 3, 1);
        targets.setFlat(2, 7);
        Tensor pred = kernel.allocate(DType.F64, 3, 4);
        Tensor grad = kernel.allocate(DType.F64, 3, 4);
        assertThatThrownBy(() -> kernel.lossGradient(LossKind.CROSS_ENTROPY, pred, kernel.upload(targets), grad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index 7.0 in row 2");
        HostTensor probs = HostTensor.of(DType.F32, new double[][] {{0.5, 1.5}});
        Tensor p = kernel.upload(probs);
        assertThatThrownBy(() -> kernel.loss(LossKind.BCE, p, kernel.upload(probs)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bce: element [0, 1]");
    }

    @Test
    void steadyStateAllocationsComeFromTheCache() {
        for (int i = 0; i < 3; i++) {
            kernel.allocate(DType.F32, 123, 45).close();
        }
        long before = kernel.memoryStats().deviceAllocations();
        for (int i = 0; i < 100; i++) {
            kernel.allocate(DType.F32, 123, 45).close();
        }
        assertThat(kernel.memoryStats().deviceAllocations()).isEqualTo(before);
    }
}
