package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Bad input is refused with the exception and message every kernel gives (KernelChecks). */
final class BadInputTests {
    private BadInputTests() {
    }

    static Stream<DynamicTest> of(Kernel k, List<DType> dtypes) {
        DType dt = dtypes.getFirst();
        DType other = dt == DType.F32 ? DType.F64 : DType.F32;
        return Stream.of(
                dynamicTest("gemm inner dimension mismatch", () -> assertThatThrownBy(() ->
                        k.gemm(false, false, 1, k.allocate(dt, 3, 4), k.allocate(dt, 5, 2), 0, k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("inner dimensions")),
                dynamicTest("gemm output shape mismatch", () -> assertThatThrownBy(() ->
                        k.gemm(false, true, 1, k.allocate(dt, 3, 4), k.allocate(dt, 2, 4), 0, k.allocate(dt, 3, 3)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("[3, 2]")),
                dynamicTest("mixed dtypes", () -> {
                    if (!k.dtypes().contains(other)) {
                        return;
                    }
                    assertThatThrownBy(() -> k.gemm(false, false, 1, k.allocate(dt, 2, 2), k.allocate(other, 2, 2), 0,
                            k.allocate(dt, 2, 2))).isInstanceOf(DTypeException.class).hasMessageContaining("mixed dtypes");
                }),
                dynamicTest("row gather: a row that is not there", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 4}, 0, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order[1] = 4 is not a row")),
                dynamicTest("row gather: past the end of the order", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 1}, 1, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order of 2")),
                dynamicTest("row gather: rows of another width", () -> assertThatThrownBy(() ->
                        k.copyRowsFromHost(HostTensor.zeros(dt, 4, 3), new int[] {0, 1}, 0, k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 3 columns")),
                dynamicTest("row copy: a row that is not there", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), new int[] {0, -1}, 0, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order[1] = -1 is not a row")),
                dynamicTest("row copy in order: past the last row", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), null, 3, k.allocate(dt, 2, 3)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("entries 3 to 5 of [4, 3] were asked for")),
                dynamicTest("row copy onto itself", () -> {
                    Tensor t = k.allocate(dt, 4, 3);
                    assertThatThrownBy(() -> k.copyRows(t, null, 1, t)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("copyRows: dst is src");
                }),
                dynamicTest("row copy: rows of another width", () -> assertThatThrownBy(() ->
                        k.copyRows(k.allocate(dt, 4, 3), null, 0, k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 3 columns")),
                dynamicTest("bias of wrong length", () -> assertThatThrownBy(() ->
                        k.addRowVector(k.allocate(dt, 3), k.allocate(dt, 2, 4)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("expected 4")),
                dynamicTest("activation shape mismatch", () -> assertThatThrownBy(() ->
                        k.activationForward(Activation.TANH, k.allocate(dt, 2, 3), k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("loss target rows mismatch", () -> assertThatThrownBy(() ->
                        k.loss(LossKind.MSE, k.allocate(dt, 4, 2), k.allocate(dt, 3, 2)))
                        .isInstanceOf(ShapeException.class).hasMessageContaining("rows")),
                dynamicTest("class index out of range", () -> {
                    HostTensor t = HostTensor.zeros(dt, 2, 1);
                    t.setFlat(1, 5);
                    assertThatThrownBy(() -> {
                        k.loss(LossKind.CROSS_ENTROPY, k.allocate(dt, 2, 3), k.upload(t));
                        k.synchronize();
                    }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
                }),
                dynamicTest("class index out of range, queued loss", () -> {
                    HostTensor t = HostTensor.zeros(dt, 2, 1);
                    t.setFlat(1, 5);
                    assertThatThrownBy(() -> k.training().queueLoss(LossKind.CROSS_ENTROPY, k.allocate(dt, 2, 3), k.upload(t)).get())
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index");
                }),
                dynamicTest("bce value out of range, queued loss", () -> {
                    HostTensor p = HostTensor.zeros(dt, 2, 2);
                    p.setFlat(3, 1.5);
                    assertThatThrownBy(() -> k.training().queueLoss(LossKind.BCE, k.upload(p), k.allocate(dt, 2, 2)).get())
                            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1]");
                }),
                dynamicTest("batched sgd: a gradient of the wrong shape", () -> assertThatThrownBy(() ->
                        k.sgdUpdateAll(2, new Tensor[] {k.allocate(dt, 2, 3), k.allocate(dt, 1, 3)},
                                new Tensor[] {k.allocate(dt, 2, 3), k.allocate(dt, 3, 1)}, null, SgdParams.plain(0.1), false))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("batched adam: a moment of the wrong shape", () -> assertThatThrownBy(() ->
                        k.adamUpdateAll(1, new Tensor[] {k.allocate(dt, 2, 3)}, new Tensor[] {k.allocate(dt, 2, 3)},
                                new Tensor[] {k.allocate(dt, 3, 2)}, new Tensor[] {k.allocate(dt, 2, 3)},
                                AdamParams.defaults(1e-3), 1))
                        .isInstanceOf(ShapeException.class)),
                dynamicTest("sgd state shape mismatch", () -> assertThatThrownBy(() ->
                        k.sgdUpdate(k.allocate(dt, 2, 3), k.allocate(dt, 3, 2), null, SgdParams.plain(0.1), true))
                        .isInstanceOf(ShapeException.class)));
    }
}
