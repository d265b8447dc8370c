package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.internal.ModelInternals;
import io.densekit.kernel.BatchFeed;
import io.densekit.kernel.BatchStep;
import io.densekit.kernel.DataPlacement;
import io.densekit.kernel.EagerTraining;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.OwningPlacement;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.SgdParams;
import io.densekit.kernel.StepRunner;
import io.densekit.kernel.TrainingSupport;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainer's one loop with every kind of {@link TrainingSupport}: the default on a host kernel
 * (batches are views or gathered rows), the default on a kernel with memory of its own (every batch
 * copied into reused kernel buffers), and a kernel's own support that keeps the data sets in kernel
 * memory and cuts batches there ({@link Kernel#copyRows}). A stand-in for a device kernel (the
 * reference kernel behind a proxy that says it does not read host memory) shows all give the bits
 * of the plain reference kernel, without a GPU.
 */
class TrainingSupportTest {

    /** The reference kernel seen through the Kernel interface only, with the default training support or a resident one. */
    private static final class DeviceLike {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<String> placements = new ArrayList<>();
        final List<Integer> stepRunners = new ArrayList<>();
        final AtomicInteger steps = new AtomicInteger();
        final Kernel kernel;

        DeviceLike(boolean resident) {
            ReferenceKernel ref = new ReferenceKernel();
            InvocationHandler h = (proxy, m, args) -> {
                calls.computeIfAbsent(m.getName(), n -> new AtomicInteger()).incrementAndGet();
                switch (m.getName()) {
                    case "readsHostMemory":
                        return false;
                    case "training":
                        return support((Kernel) proxy, resident);
                    default:
                        try {
                            return m.invoke(ref, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                }
            };
            kernel = (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(), new Class<?>[] {Kernel.class}, h);
        }

        /** The default support bound to the proxy, with its placement swapped for a resident one when asked. */
        private TrainingSupport support(Kernel k, boolean resident) {
            EagerTraining eager = new EagerTraining(k);
            return new TrainingSupport() {
                @Override
                public DataPlacement placement(long bytes, int epochs) {
                    placements.add(bytes + " bytes, " + epochs + " epochs");
                    return resident ? new KeptInKernel(k) : eager.placement(bytes, epochs);
                }

                @Override
                public StepRunner steps(BatchStep step, int batchRows) {
                    stepRunners.add(batchRows);
                    StepRunner inner = eager.steps(step, batchRows);
                    return new StepRunner() {
                        @Override
                        public PendingLoss run(Tensor x, Tensor y) {
                            steps.incrementAndGet();
                            return inner.run(x, y);
                        }

                        @Override
                        public void close() {
                            inner.close();
                        }
                    };
                }

                @Override
                public PendingLoss queueLoss(LossKind kind, Tensor pred, Tensor target) {
                    return eager.queueLoss(kind, pred, target);
                }
            };
        }

        int calls(String method) {
            AtomicInteger n = calls.get(method);
            return n == null ? 0 : n.get();
        }
    }

    /** A placement that uploads each data set once and cuts batches in kernel memory, as a GPU kernel's does. */
    private static final class KeptInKernel extends OwningPlacement {
        private final Kernel kernel;

        KeptInKernel(Kernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public BatchFeed batches(HostTensor data, int batchRows) {
            Tensor all = keep(data).orElseThrow();
            return new BatchFeed() {
                @Override
                public Tensor batch(int[] order, int from, int to) {
                    Tensor t = own(kernel.allocate(data.dtype(), to - from, data.cols()));
                    kernel.copyRows(all, order, from, t);
                    return t;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Optional<Tensor> keep(HostTensor data) {
            return Optional.of(own(kernel.upload(data)));
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

    @ParameterizedTest(name = "shuffled {0}, kept in kernel memory {1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    void everyWayOfFeedingGivesTheReferenceBits(boolean shuffle, boolean resident) {
        Run expected = train(new ReferenceKernel(), shuffle);
        DeviceLike device = new DeviceLike(resident);
        assertSameBits(train(device.kernel, shuffle), expected);
        // Inputs and targets together, 203 x 7 + 203 x 1 doubles, and the validation set's 50 x 7
        // inputs with room for 50 x 4 targets.
        assertThat(device.placements).containsExactly((203L * 8 * 8 + 50L * 11 * 8) + " bytes, 3 epochs");
        assertThat(device.stepRunners).as("one runner per fit, told the batch size").containsExactly(32);
        assertThat(device.steps).as("every batch through the runner").hasValue(7 * 3);
        if (resident) {
            assertThat(device.calls("copyRows")).as("batches cut in kernel memory").isEqualTo(2 * 7 * 3);
            assertThat(device.calls("copyRowsFromHost")).isZero();
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
        for (Kernel k : new Kernel[] {new ReferenceKernel(), new DeviceLike(true).kernel}) {
            try (Sequential m = Sequential.of("5,8:relu,3", k, DType.F32, 2)) {
                double onHost = m.evaluate(x, y.to(DType.F32), loss);
                Tensor xIn = k.upload(x);
                Tensor tIn = k.upload(Targets.prepare(loss, y.to(DType.F32), 9000, 3, DType.F32));
                assertThat(ModelInternals.evaluateInKernel(m, xIn, tIn, loss)).isEqualTo(onHost);
                Tensor small = k.upload(x.rowSlice(0, 100));
                Tensor smallT = k.upload(Targets.prepare(loss, y.to(DType.F32).rowSlice(0, 100), 100, 3, DType.F32));
                assertThat(ModelInternals.evaluateInKernel(m, small, smallT, loss))
                        .isEqualTo(m.evaluate(x.rowSlice(0, 100), y.to(DType.F32).rowSlice(0, 100), loss));
            }
        }
    }

    @Test
    void aHostKernelGetsViewsInOrderAndReusedGatherBuffersShuffled() {
        Kernel k = new ReferenceKernel();
        assertThat(k.readsHostMemory()).isTrue();
        try (DataPlacement p = k.training().placement(1 << 20, 5)) {
            assertThat(p.keep(X)).as("a host kernel keeps nothing: its memory is the host's").isEmpty();
            BatchFeed feed = p.batches(X, 32);
            Tensor first = feed.batch(null, 0, 32);
            assertThat(first).isInstanceOf(HostTensor.class);
            assertThat(((HostTensor) first).toDoubleArray()).containsExactly(X.rowSlice(0, 32).toDoubleArray());
            assertThat(feed.batch(null, 0, 32)).as("the view is made once").isSameAs(first);
            int[] order = new int[203];
            for (int i = 0; i < order.length; i++) {
                order[i] = 202 - i;
            }
            Tensor a = feed.batch(order, 0, 32);
            Tensor b = feed.batch(order, 32, 64);
            Tensor c = feed.batch(order, 64, 96);
            assertThat(b).as("two buffers in turn").isNotSameAs(a);
            assertThat(c).isSameAs(a);
            HostTensor expected = HostTensor.zeros(DType.F64, 32, 7);
            for (int i = 0; i < 32; i++) {
                X.copyRowInto(202 - 64 - i, expected, i);
            }
            assertThat(((HostTensor) c).toDoubleArray()).containsExactly(expected.toDoubleArray());
            Tensor last = feed.batch(order, 192, 203);
            assertThat(last.rows()).isEqualTo(11);
            assertThat(((HostTensor) last).get(10, 3)).isEqualTo(X.get(0, 3));
        }
    }

    @Test
    void theDefaultQueuedLossIsTheLossAndTheDefaultRunnerRunsTheStepAsItComes() {
        Kernel k = new ReferenceKernel();
        HostTensor pred = HostTensor.of(DType.F64, new double[][] {{0.2, 0.8}, {0.6, 0.4}});
        HostTensor target = HostTensor.of(DType.F64, new double[][] {{1}, {0}});
        assertThat(k.training().queueLoss(LossKind.CROSS_ENTROPY, pred, target).get())
                .isEqualTo(k.loss(LossKind.CROSS_ENTROPY, pred, target));
        AtomicInteger ran = new AtomicInteger();
        try (StepRunner r = k.training().steps((x, y) -> {
            ran.incrementAndGet();
            return () -> 2.5;
        }, 2)) {
            assertThat(r.run(pred, target).get()).isEqualTo(2.5);
            assertThat(r.run(pred, target).get()).isEqualTo(2.5);
        }
        assertThat(ran).hasValue(2);
    }
}
