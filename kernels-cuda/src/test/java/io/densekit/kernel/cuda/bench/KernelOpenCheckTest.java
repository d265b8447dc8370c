package io.densekit.kernel.cuda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agreement bounds of the first-contact check: rounding passes, a wrong result does not. */
class KernelOpenCheckTest {
    private final ReferenceKernel ref = new ReferenceKernel();

    @Test
    void aFloat32GemmRoundedAsAGpuRoundsItPasses() {
        SplittableRandom r = new SplittableRandom(3);
        HostTensor a = GpuBench.random(DType.F32, 9, 45, r);
        HostTensor b = GpuBench.random(DType.F32, 7, 45, r);
        HostTensor expected = HostTensor.zeros(DType.F32, 9, 7);
        ref.gemm(false, true, 1.0, a, b, 0.0, expected);
        HostTensor summedInFloat = HostTensor.zeros(DType.F32, 9, 7);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 7; j++) {
                float s = 0;
                for (int p = 0; p < 45; p++) {
                    s += (float) a.get(i, p) * (float) b.get(j, p);
                }
                summedInFloat.set(i, j, s);
            }
        }
        assertThat(KernelOpenCheck.gemmErrorOverBound(a, b, summedInFloat, expected, DType.F32)).isLessThanOrEqualTo(1);
    }

    @Test
    void aGemmOffByOnePartInTenThousandFails() {
        SplittableRandom r = new SplittableRandom(4);
        HostTensor a = GpuBench.random(DType.F32, 5, 45, r);
        HostTensor b = GpuBench.random(DType.F32, 6, 45, r);
        HostTensor expected = HostTensor.zeros(DType.F32, 5, 6);
        ref.gemm(false, true, 1.0, a, b, 0.0, expected);
        HostTensor wrong = expected.copy();
        wrong.setFlat(7, wrong.getFlat(7) * (1 + 1e-4) + 1e-4);
        assertThat(KernelOpenCheck.gemmErrorOverBound(a, b, wrong, expected, DType.F32)).isGreaterThan(1);
    }

    @Test
    void anElementTwoUlpsOffPassesAndOneTenThousandthFails() {
        HostTensor expected = HostTensor.vector(DType.F64, 0.5, -0.25, 0.75);
        HostTensor close = expected.copy();
        close.setFlat(0, Math.nextUp(Math.nextUp(0.5)));
        assertThat(KernelOpenCheck.elementErrorOverBound(close, expected, DType.F64)).isLessThanOrEqualTo(1);
        HostTensor wrong = expected.copy();
        wrong.setFlat(2, 0.75 * (1 + 1e-4));
        assertThat(KernelOpenCheck.elementErrorOverBound(wrong, expected, DType.F64)).isGreaterThan(1);
    }
}
