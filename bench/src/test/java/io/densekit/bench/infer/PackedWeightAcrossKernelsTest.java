package io.densekit.bench.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.simd.SimdConfig;
import io.densekit.kernel.simd.SimdKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host tensors move freely between the CPU kernels: a weight the simd kernel keeps packed and then
 * updated or written by another kernel (the blas kernel delegates its updates to simd, and writes
 * GEMM outputs natively) is predicted from its new values on the simd kernel.
 */
class PackedWeightAcrossKernelsTest {
    private static final int IN = 50;
    private static final int OUT = 20;

    static Stream<Named<String>> kernels() {
        return Stream.of(Named.of("blas", "blas"), Named.of("reference", "reference"));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void writesByAnotherCpuKernelAreSeenByTheSimdKernelsPackedWeight(String name) {
        assumeTrue(Kernels.list().stream().anyMatch(i -> i.name().equals(name) && i.available()),
                () -> name + " kernel not available here");
        Kernel other = Kernels.byName(name);
        for (DType dt : DType.values()) {
            for (var write : writes()) {
                try (SimdKernel simd = new SimdKernel(new SimdConfig(0, 1))) {
                    HostTensor w = random(dt, OUT, IN, 1);
                    HostTensor x = random(dt, 1, IN, 2);
                    HostTensor before = predict(simd, x, w);
                    predict(simd, x, w); // packed for keeps now
                    write.getPayload().accept(other, w);
                    HostTensor after = predict(simd, x, w);
                    assertThat(after.toDoubleArray()).as(name + " " + write.getName() + " " + dt)
                            .isEqualTo(predict(simd, x, w.copy()).toDoubleArray())
                            .isNotEqualTo(before.toDoubleArray());
                }
            }
        }
    }

    private static Stream<Named<BiConsumer<Kernel, HostTensor>>> writesStream() {
        return Stream.of(
                Named.of("sgdUpdateAll", (k, w) -> k.sgdUpdateAll(1, new Tensor[] {w},
                        new Tensor[] {random(w.dtype(), OUT, IN, 3)}, null, SgdParams.plain(0.5), true)),
                Named.of("adamUpdate", (k, w) -> k.adamUpdate(w, random(w.dtype(), OUT, IN, 4),
                        HostTensor.zeros(w.dtype(), OUT, IN), HostTensor.zeros(w.dtype(), OUT, IN),
                        AdamParams.defaults(0.05), 1)),
                Named.of("gemm into it", (k, w) -> k.gemm(false, false, 1.0, random(w.dtype(), OUT, 7, 5),
                        random(w.dtype(), 7, IN, 6), 1.0, w)),
                Named.of("copyFromHost", (k, w) -> k.copyFromHost(random(w.dtype(), OUT, IN, 7), w)));
    }

    private static Iterable<Named<BiConsumer<Kernel, HostTensor>>> writes() {
        return writesStream().toList();
    }

    private static HostTensor predict(SimdKernel k, HostTensor x, HostTensor w) {
        HostTensor out = HostTensor.zeros(x.dtype(), x.rows(), w.rows());
        k.denseForward(x, w, null, Activation.TANH, out);
        return out;
    }

    private static HostTensor random(DType dt, int rows, int cols, long seed) {
        return new RandomTensors(seed).uniform(dt, rows, cols, -1, 1);
    }
}
