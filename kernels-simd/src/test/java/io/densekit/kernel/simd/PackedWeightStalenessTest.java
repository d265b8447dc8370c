package io.densekit.kernel.simd;

import static io.densekit.kernel.simd.Widths.assertBitwiseEqual;
import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Dense;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.FitOptions;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A weight's packed copy is never used stale: after the weight is packed for keeps, every public way
 * of writing it is followed by a prediction, which must give the bits of the same prediction from a
 * fresh copy of the new weight (never packed), and must differ from the prediction before the write.
 */
class PackedWeightStalenessTest {
    private static final int IN = 40;
    private static final int OUT = 24;
    private static final Kernel REFERENCE = new ReferenceKernel();

    /** One way to write the weight w, given the simd kernel. */
    private interface Write extends BiConsumer<SimdKernel, HostTensor> {
    }

    static Stream<Arguments> writes() {
        List<Arguments> all = new ArrayList<>();
        Map<String, Write> w = new java.util.LinkedHashMap<>();
        w.put("HostTensor.set", (k, t) -> t.set(3, 5, 1.5));
        w.put("HostTensor.setFlat", (k, t) -> t.setFlat(7, -2.0));
        w.put("set through a row slice", (k, t) -> t.rowSlice(2, 4).set(1, 0, 0.75));
        w.put("setFlat through a reshape", (k, t) -> t.reshape(OUT * IN).setFlat(100, 3.0));
        w.put("copyInto", (k, t) -> other(t, 1).copyInto(t));
        w.put("copyRowInto", (k, t) -> other(t, 2).copyRowInto(0, t, 9));
        w.put("a write into floatArray / doubleArray", (k, t) -> {
            if (t.dtype() == DType.F32) {
                t.floatArray()[t.offset() + 11] = 4f;
            } else {
                t.doubleArray()[t.offset() + 11] = 4;
            }
        });
        w.put("Kernel.copyFromHost", (k, t) -> k.copyFromHost(other(t, 3), t));
        w.put("Kernel.copyRows", (k, t) -> k.copyRows(other(t, 4), new int[] {5, 4, 3, 2, 1, 0, 6, 7, 8, 9, 10, 11,
                12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23}, 0, t));
        w.put("Kernel.gemm into it", (k, t) -> k.gemm(false, false, 1.0, other(t, 5), eye(t.dtype()), 0.5, t));
        w.put("Kernel.addRowVector", (k, t) -> k.addRowVector(other(t, 6).rowSlice(0, 1).reshape(IN), t));
        w.put("Kernel.activationForward in place", (k, t) -> k.activationForward(Activation.TANH, t, t));
        w.put("Kernel.sgdUpdate", (k, t) -> k.sgdUpdate(t, other(t, 7), null, SgdParams.plain(0.1), true));
        w.put("Kernel.sgdUpdateAll", (k, t) -> k.sgdUpdateAll(1, new Tensor[] {t}, new Tensor[] {other(t, 8)}, null,
                SgdParams.plain(0.1), true));
        w.put("Kernel.adamUpdate", (k, t) -> k.adamUpdate(t, other(t, 9), zeros(t), zeros(t),
                AdamParams.defaults(0.01), 1));
        w.put("Kernel.adamUpdateAll", (k, t) -> k.adamUpdateAll(1, new Tensor[] {t}, new Tensor[] {other(t, 10)},
                new Tensor[] {zeros(t)}, new Tensor[] {zeros(t)}, AdamParams.defaults(0.01), 1));
        w.put("the reference kernel's sgdUpdate", (k, t) -> REFERENCE.sgdUpdate(t, other(t, 11), null,
                SgdParams.plain(0.1), true));
        w.put("the reference kernel's gemm into it", (k, t) -> REFERENCE.gemm(false, false, 1.0, other(t, 12),
                eye(t.dtype()), 0.0, t));
        w.put("Kernel.denseBackward's weight gradient into it", (k, t) -> {
            HostTensor x = new RandomTensors(13).normalish(t.dtype(), 5, IN);
            HostTensor grad = new RandomTensors(14).normalish(t.dtype(), 5, OUT);
            k.denseBackward(x, other(t, 15), zeros(grad), Activation.IDENTITY, grad, t, null, null);
        });
        for (DType dt : DType.values()) {
            w.forEach((name, write) -> all.add(Arguments.of(dt, Named.of(name, write))));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("writes")
    void aWriteAfterPackingIsSeenByTheNextPrediction(DType dt, Write write) {
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 2))) {
            RandomTensors rnd = new RandomTensors(1);
            HostTensor initial = rnd.uniform(dt, OUT, IN, -0.5, 0.5);
            HostTensor b = rnd.uniform(dt, 1, OUT, -0.5, 0.5).reshape(OUT);
            for (int rows : new int[] {1, 3, 20}) { // the few-rows and the tiled paths
                HostTensor w = initial.copy();
                HostTensor x = rnd.normalish(dt, rows, IN);
                HostTensor before = predict(k, x, w, b);
                assertBitwiseEqual("second use, from the packed copy", before, predict(k, x, w, b));
                assertThat(isPacked(w)).as("the weight is packed for keeps on its second use").isTrue();
                write.accept(k, w);
                HostTensor after = predict(k, x, w, b);
                assertBitwiseEqual("after the write", predict(k, x, w.copy(), b), after);
                assertThat(after.toDoubleArray()).as("the write changed the prediction").isNotEqualTo(
                        before.toDoubleArray());
                assertBitwiseEqual("after the write, from the new packed copy", after, predict(k, x, w, b));
            }
        }
    }

    /** An array fetched before the weight was packed and written after: markModified tells the kernel. */
    @ParameterizedTest
    @MethodSource("dtypes")
    void markModifiedAfterWritingAKeptArray(DType dt) {
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 1))) {
            RandomTensors rnd = new RandomTensors(2);
            HostTensor w = rnd.uniform(dt, OUT, IN, -0.5, 0.5);
            HostTensor x = rnd.normalish(dt, 2, IN);
            Object array = dt == DType.F32 ? w.floatArray() : w.doubleArray();
            HostTensor before = predict(k, x, w, null);
            predict(k, x, w, null);
            if (array instanceof float[] f) {
                f[0] = 9f;
            } else {
                ((double[]) array)[0] = 9;
            }
            w.markModified();
            HostTensor after = predict(k, x, w, null);
            assertBitwiseEqual("after markModified", predict(k, x, w.copy(), null), after);
            assertThat(after.toDoubleArray()).isNotEqualTo(before.toDoubleArray());
        }
    }

    static Stream<DType> dtypes() {
        return Stream.of(DType.values());
    }

    /** Training writes the weights every step; predictions after it, and after a state load, are current. */
    @ParameterizedTest
    @MethodSource("dtypes")
    void aModelPredictsWithItsCurrentWeightsAfterTrainingAndLoading(DType dt) {
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 2));
             Sequential m = Sequential.of("6,32:tanh,32:relu,3", k, dt, 4);
             Sequential twin = Sequential.of("6,32:tanh,32:relu,3", k, dt, 5)) {
            RandomTensors rnd = new RandomTensors(3);
            HostTensor x = rnd.normalish(dt, 50, 6);
            HostTensor y = rnd.normalish(dt, 50, 3);
            HostTensor one = x.rowSlice(0, 1);
            m.predict(one);
            m.predict(one); // every weight packed for keeps
            new Trainer(m).fit(new Dataset(x, y), new Dataset(x, y), FitOptions.builder(LossKind.MSE).epochs(2).batch(8)
                    .optimizer(OptimizerSpec.sgd(0.1)).build());
            twin.state().load(m.state().export());
            assertBitwiseEqual("after training", twin.predict(x), m.predict(x));
            assertBitwiseEqual("one row after training", twin.predict(x).rowSlice(0, 1), m.predict(one));
            Map<String, HostTensor> other = Sequential.of("6,32:tanh,32:relu,3", REFERENCE, dt, 6).state().export();
            m.state().load(other);
            try (Sequential fresh = Sequential.of("6,32:tanh,32:relu,3", new SimdKernel(new SimdConfig(0, 1)), dt, 7)) {
                fresh.state().load(other);
                assertBitwiseEqual("after StateDict.load", fresh.predict(x), m.predict(x));
            }
        }
    }

    /** Two threads packing one weight at once, then predicting from it, give the single-thread bits. */
    @ParameterizedTest
    @MethodSource("dtypes")
    void concurrentCallersPackingOneWeightAgree(DType dt) throws Exception {
        RandomTensors rnd = new RandomTensors(8);
        HostTensor x = rnd.normalish(dt, 3, 300);
        HostTensor b = rnd.uniform(dt, 1, 130, -0.5, 0.5).reshape(130);
        HostTensor seed = rnd.uniform(dt, 130, 300, -0.2, 0.2);
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 2))) {
            HostTensor expected = predict(k, x, seed.copy(), b);
            for (int round = 0; round < 30; round++) {
                HostTensor w = seed.copy(); // not packed yet: both threads race to pack it
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Callable<Boolean> caller = () -> {
                    start.await();
                    for (int i = 0; i < 20; i++) {
                        assertBitwiseEqual("concurrent prediction " + i, expected, predict(k, x, w, b));
                    }
                    return true;
                };
                try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                    var f1 = pool.submit(caller);
                    var f2 = pool.submit(caller);
                    assertThat(f1.get() && f2.get()).isTrue();
                }
            }
        }
    }

    @Test
    void trainingDoesNotKeepPackedCopies() {
        try (SimdKernel k = new SimdKernel(new SimdConfig(0, 1));
             Sequential m = Sequential.of("6,16:relu,3", k, DType.F32, 4)) {
            RandomTensors rnd = new RandomTensors(3);
            HostTensor x = rnd.normalish(DType.F32, 40, 6);
            HostTensor y = rnd.normalish(DType.F32, 40, 3);
            new Trainer(m).fit(new Dataset(x, y), FitOptions.builder(LossKind.MSE).epochs(3).batch(8)
                    .optimizer(OptimizerSpec.sgd(0.1)).build());
            HostTensor w = (HostTensor) ((Dense) m.layers().getFirst()).weight().value();
            assertThat(isPacked(w)).as("a weight changed every step is never packed for keeps").isFalse();
        }
    }

    private static boolean isPacked(HostTensor w) {
        return w.kernelCache() instanceof PackedWeight p && p.get(w.version()) != null;
    }

    private static HostTensor predict(SimdKernel k, HostTensor x, HostTensor w, HostTensor b) {
        HostTensor out = HostTensor.zeros(x.dtype(), x.rows(), w.rows());
        k.denseForward(x, w, b, Activation.TANH, out);
        return out;
    }

    /** Another tensor of w's shape, seeded. */
    private static HostTensor other(HostTensor w, long seed) {
        return new RandomTensors(100 + seed).uniform(w.dtype(), w.rows(), w.cols(), -1, 1);
    }

    private static HostTensor zeros(HostTensor like) {
        return HostTensor.zeros(like.dtype(), like.rows(), like.cols());
    }

    private static HostTensor eye(DType dt) {
        HostTensor e = HostTensor.zeros(dt, IN, IN);
        for (int i = 0; i < IN; i++) {
            e.set(i, i, 1);
        }
        return e;
    }
}
