package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.nn.Targets;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer's two ways of feeding a kernel with memory of its own: every minibatch sent from the
 * host, or the data set kept in kernel memory and batches cut there ({@link Kernel#copyRows}). A
 * stand-in for a device kernel (the reference kernel behind a proxy, so its tensors take the
 * non-host path) shows both give the bits of the plain reference kernel, without a GPU.
 */
class ResidentDataTest {

    /** The reference kernel seen through the Kernel interface only, keeping data resident or not. */
    private static final class DeviceLike {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<Long> residentAsked = new ArrayList<>();
        final Kernel kernel;

        DeviceLike(boolean resident, boolean defaultCopyRows) {
            ReferenceKernel ref = new ReferenceKernel();
            InvocationHandler h = (proxy, m, args) -> {
                calls.computeIfAbsent(m.getName(), n -> new AtomicInteger()).incrementAndGet();
                if (m.getName().equals("keepsResident")) {
                    residentAsked.add((Long) args[0]);
                    return resident;
                }
                if (m.getName().equals("copyRows") && defaultCopyRows) {
                    return InvocationHandler.invokeDefault(proxy, m, args); // Kernel's own, through the host
                }
                try {
                    return m.invoke(ref, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            kernel = (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(), new Class<?>[] {Kernel.class}, h);
        }

        int calls(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }
    }

    private static final HostTensor X = new RandomTensors(3).normalish(DType.F64, 203, 7);
    private static final HostTensor Y = classes(203, 4);

    private static HostTensor classes(int n, int k) {
        HostTensor y = HostTensor.zeros(DType.F64, n, 1);
        for (int i = 0; i < n; i++) {
            y.set(i, 0, (i * 7 + i / 5) % k);
        }
        return y;
    }

    private record Run(History history, Map<String, HostTensor> weights) {
    }

    private static Run train(Kernel kernel, boolean shuffle) {
        try (Sequential m = Sequential.of("7,16:tanh,4", kernel, DType.F64, 11)) {
            History h = new Trainer(m).fit(new Dataset(X, Y), new Dataset(X.rowSlice(0, 50), Y.rowSlice(0, 50)),
                    FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(3).batch(32)
                            .optimizer(OptimizerSpec.sgd(new SgdParams(0.05, 0.9, 0, false, 0))).shuffle(shuffle, 5)
                            .build()); // 203 rows: six full batches and a short one
            return new Run(h, m.state().export());
        }
    }

    private static void assertSameBits(Run got, Run expected) {
        assertThat(got.history()).isEqualTo(expected.history());
        assertThat(got.weights().keySet()).isEqualTo(expected.weights().keySet());
        got.weights().forEach((name, t) ->
                assertThat(t.toDoubleArray()).as(name).containsExactly(expected.weights().get(name).toDoubleArray()));
    }

    @ParameterizedTest(name = "shuffled {0}, resident {1}, Kernel's default copyRows {2}")
    @CsvSource({"false, false, false", "true, false, false", "false, true, false", "true, true, false",
                "false, true, true", "true, true, true"})
    void everyWayOfFeedingGivesTheReferenceBits(boolean shuffle, boolean resident, boolean defaultCopyRows) {
        Run expected = train(new ReferenceKernel(), shuffle);
        DeviceLike device = new DeviceLike(resident, defaultCopyRows);
        assertSameBits(train(device.kernel, shuffle), expected);
        // Inputs and targets together, 203 x 7 + 203 x 1 doubles, and the validation set's 50 x 7
        // inputs with room for 50 x 4 targets.
        assertThat(device.residentAsked).containsExactly(203L * 8 * 8 + 50L * 11 * 8);
        if (resident) {
            assertThat(device.calls("copyRows")).as("batches cut in kernel memory").isEqualTo(2 * 7 * 3);
            if (!defaultCopyRows) { // the default goes through the host on purpose
                assertThat(device.calls("copyRowsFromHost")).isZero();
            }
        } else {
            assertThat(device.calls("copyRows")).isZero();
            assertThat(device.calls(shuffle ? "copyRowsFromHost" : "copyFromHost")).isGreaterThanOrEqualTo(2 * 7 * 3);
        }
    }

    /** More rows than one evaluation chunk (4096): three chunks, the last one short. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"CROSS_ENTROPY", "MSE"})
    void evaluationInKernelMemoryGivesTheHostsValue(LossKind loss) {
        HostTensor x = new RandomTensors(4).normalish(DType.F32, 9000, 5);
        HostTensor y = loss == LossKind.MSE ? new RandomTensors(5).normalish(DType.F32, 9000, 3) : classes(9000, 3);
        for (Kernel k : new Kernel[] {new ReferenceKernel(), new DeviceLike(true, false).kernel}) {
            try (Sequential m = Sequential.of("5,8:relu,3", k, DType.F32, 2)) {
                double onHost = m.evaluate(x, y.to(DType.F32), loss);
                Tensor xIn = k.upload(x);
                Tensor tIn = k.upload(Targets.prepare(loss, y.to(DType.F32), 9000, 3, DType.F32));
                assertThat(m.evaluateInKernel(xIn, tIn, loss)).isEqualTo(onHost);
                Tensor small = k.upload(x.rowSlice(0, 100));
                Tensor smallT = k.upload(Targets.prepare(loss, y.to(DType.F32).rowSlice(0, 100), 100, 3, DType.F32));
                assertThat(m.evaluateInKernel(small, smallT, loss))
                        .isEqualTo(m.evaluate(x.rowSlice(0, 100), y.to(DType.F32).rowSlice(0, 100), loss));
            }
        }
    }

    @Test
    void hostKernelsSayNoAndOneEpochDoesNotAsk() {
        assertThat(new ReferenceKernel().keepsResident(8)).isFalse();
        DeviceLike device = new DeviceLike(true, false);
        try (Sequential m = Sequential.of("7,4", device.kernel, DType.F64, 1)) {
            new Trainer(m).fit(new Dataset(X, Y), FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(1).batch(32).build());
        }
        assertThat(device.residentAsked).as("every row goes up once either way").isEmpty();
        assertThat(device.calls("copyRows")).isZero();
    }
}
