package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import io.densekit.train.FitOptions;
import io.densekit.train.Trainer;
import io.densekit.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One model used from many threads at once, on the kernel a module gives {@link #kernel()}: every
 * thread predicts, evaluates and scores its own inputs, of several row counts (so buffers of
 * several shapes are pooled), and every result must have exactly the bits of the same call made
 * alone (and of the training path's forward pass). Inference that overlaps a fit or a close gets a
 * clear exception, never another answer. A barrier starts the threads together; nothing depends
 * on timing: a wrong buffer share shows as a wrong bit whatever the interleaving.
 */
public abstract class ModelConcurrencySuite {
    /** Rows per call: one row, a few, a small batch, one big enough for a parallel GEMM on the simd kernel. */
    private static final int[] ROWS = {1, 7, 64, 400};
    private static final String SPEC = "24,64:tanh,48:relu,6";

    /** The kernel under test. */
    protected abstract Kernel kernel();

    protected int threads() {
        return 8;
    }

    /** Calls per thread and test; kernels slow at this (an emulator) may make fewer. */
    protected int callsPerThread() {
        return 24;
    }

    /** One thread's inputs: one tensor per row count, and class targets for each. */
    private record Inputs(HostTensor[] x, HostTensor[] y) {
    }

    private static Inputs inputs(DType dtype, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor[] x = new HostTensor[ROWS.length];
        HostTensor[] y = new HostTensor[ROWS.length];
        for (int i = 0; i < ROWS.length; i++) {
            x[i] = HostTensor.zeros(dtype, ROWS[i], 24);
            y[i] = HostTensor.zeros(dtype, ROWS[i], 1);
            for (int j = 0; j < x[i].size(); j++) {
                x[i].setFlat(j, r.nextDouble(-2, 2));
            }
            for (int j = 0; j < ROWS[i]; j++) {
                y[i].setFlat(j, r.nextInt(6));
            }
        }
        return new Inputs(x, y);
    }

    /** The raw bits of every element, so that equality is bit for bit (NaN payloads and signed zeros included). */
    static long[] bits(HostTensor t) {
        long[] b = new long[(int) t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = t.dtype() == DType.F32 ? Float.floatToRawIntBits((float) t.getFlat(i))
                    : Double.doubleToRawLongBits(t.getFlat(i));
        }
        return b;
    }

    /** A call made by every thread, {@code calls} times, on its own inputs; returns a mismatch description or null. */
    @FunctionalInterface
    private interface Call {
        String run(int thread, int call) throws Exception;
    }

    /** Runs {@code call} on every thread at once and fails with the first mismatch or exception. */
    private void hammer(Call call) throws Exception {
        int n = threads();
        CyclicBarrier start = new CyclicBarrier(n);
        AtomicInteger mismatches = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> first = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().name("inference-" + t).start(() -> {
                try {
                    start.await();
                    for (int c = 0; c < callsPerThread(); c++) {
                        String wrong = call.run(thread, c);
                        if (wrong != null) {
                            mismatches.incrementAndGet();
                            first.compareAndSet(null, wrong);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(w.isAlive()).as(w.getName() + " still running after 2 minutes").isFalse();
        }
        assertThat(failure.get()).as("an exception in a worker").isNull();
        assertThat(mismatches.get()).as("calls with other bits than alone; first: " + first.get()).isZero();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void predictFromManyThreadsHasTheBitsOfACallAlone(DType dtype) throws Exception {
        try (Sequential m = Sequential.of(SPEC, kernel(), dtype, 7)) {
            Inputs[] in = new Inputs[threads()];
            long[][][] expected = new long[threads()][ROWS.length][];
            for (int t = 0; t < threads(); t++) {
                in[t] = inputs(dtype, 100 + t);
                for (int i = 0; i < ROWS.length; i++) {
                    expected[t][i] = bits(m.predict(in[t].x()[i]));
                }
            }
            // The pooled path computes what the training path's forward pass computes.
            Tensor x = kernel().upload(in[0].x()[2]);
            assertThat(bits(kernel().download(m.forward(x)))).isEqualTo(expected[0][2]);
            x.close();
            hammer((t, c) -> {
                int i = (t + c) % ROWS.length;
                long[] got = bits(m.predict(in[t].x()[i]));
                return Arrays.equals(got, expected[t][i]) ? null : "thread " + t + ", " + ROWS[i] + " rows";
            });
            assertThat(m.inferencePool().idleCount()).isLessThanOrEqualTo(m.inferencePool().capacity());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void oneRowPredictFromManyThreadsHasTheBitsOfACallAlone(DType dtype) throws Exception {
        try (Sequential m = Sequential.of(SPEC, kernel(), dtype, 8)) {
            Inputs[] in = new Inputs[threads()];
            long[][] expected = new long[threads()][];
            for (int t = 0; t < threads(); t++) {
                in[t] = inputs(dtype, 200 + t);
                expected[t] = bits(m.predict(in[t].x()[0])); // the one-row tensor
            }
            hammer((t, c) -> {
                HostTensor row = in[t].x()[0];
                HostTensor got = HostTensor.zeros(dtype, 1, m.outputWidth());
                if (dtype == DType.F32) {
                    float[] out = c % 2 == 0 ? m.predict(row.floatArray()) : new float[m.outputWidth()];
                    if (c % 2 == 1) {
                        m.predict(row.floatArray(), out);
                    }
                    System.arraycopy(out, 0, got.floatArray(), 0, out.length);
                } else {
                    double[] out = c % 2 == 0 ? m.predict(row.doubleArray()) : new double[m.outputWidth()];
                    if (c % 2 == 1) {
                        m.predict(row.doubleArray(), out);
                    }
                    System.arraycopy(out, 0, got.doubleArray(), 0, out.length);
                }
                return Arrays.equals(bits(got), expected[t]) ? null : "thread " + t + ", one row";
            });
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void evaluateAndAccuracyFromManyThreadsHaveTheBitsOfACallAlone(DType dtype) throws Exception {
        try (Sequential m = Sequential.of("24,64:tanh,48:relu,6:logsoftmax", kernel(), dtype, 9)) {
            Inputs[] in = new Inputs[threads()];
            double[][] loss = new double[threads()][ROWS.length];
            double[][] accuracy = new double[threads()][ROWS.length];
            for (int t = 0; t < threads(); t++) {
                in[t] = inputs(dtype, 300 + t);
                for (int i = 0; i < ROWS.length; i++) {
                    loss[t][i] = m.evaluate(in[t].x()[i], in[t].y()[i], LossKind.NLL);
                    accuracy[t][i] = m.accuracy(in[t].x()[i], in[t].y()[i]);
                }
            }
            hammer((t, c) -> {
                int i = (t + c) % ROWS.length;
                double got = c % 2 == 0 ? m.evaluate(in[t].x()[i], in[t].y()[i], LossKind.NLL)
                        : m.accuracy(in[t].x()[i], in[t].y()[i]);
                double want = c % 2 == 0 ? loss[t][i] : accuracy[t][i];
                return Double.doubleToRawLongBits(got) == Double.doubleToRawLongBits(want) ? null
                        : "thread " + t + ", " + ROWS[i] + " rows: " + got + " != " + want;
            });
        }
    }

    /** Blocks a fit in its first batch until released, so that other threads meet a model being trained. */
    private static final class HeldFit implements TrainingListener {
        final CountDownLatch inFit = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onBatch(int epoch, int batch, double loss) {
            inFit.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void inferenceDuringAFitIsRefusedClearlyAndWorksAfterIt(DType dtype) throws Exception {
        try (Sequential m = Sequential.of(SPEC, kernel(), dtype, 10)) {
            Inputs in = inputs(dtype, 400);
            HeldFit held = new HeldFit();
            AtomicReference<Throwable> fitFailure = new AtomicReference<>();
            FitOptions o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(1).batch(64).listener(held).build();
            Thread fit = startFit(m, in, o, fitFailure);
            assertThat(held.inFit.await(1, TimeUnit.MINUTES)).isTrue();
            assertThatThrownBy(() -> m.predict(in.x()[1])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("predict").hasMessageContaining("being trained");
            assertThatThrownBy(() -> predictOneRow(m, in.x()[0])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("being trained");
            assertThatThrownBy(() -> m.evaluate(in.x()[1], in.y()[1], LossKind.CROSS_ENTROPY))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("being trained");
            assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(in.x()[3], in.y()[3]), o))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("being trained already");
            held.release.countDown();
            fit.join(TimeUnit.MINUTES.toMillis(2));
            assertThat(fitFailure.get()).isNull();
            HostTensor after = m.predict(in.x()[1]);
            assertThat(bits(after)).isEqualTo(bits(m.predict(in.x()[1])));
        }
    }

    /** A fit of the largest inputs on another thread; what it throws lands in {@code failure}. */
    private static Thread startFit(Sequential m, Inputs in, FitOptions o, AtomicReference<Throwable> failure) {
        return Thread.ofPlatform().start(() -> {
            try {
                new Trainer(m).fit(new Dataset(in.x()[ROWS.length - 1], in.y()[ROWS.length - 1]), o);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
    }

    private static void predictOneRow(Sequential m, HostTensor row) {
        if (row.dtype() == DType.F32) {
            m.predict(row.floatArray());
        } else {
            m.predict(row.doubleArray());
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void closeDuringAFitStopsItAtTheNextBatch(DType dtype) throws Exception {
        Sequential m = Sequential.of(SPEC, kernel(), dtype, 11);
        Inputs in = inputs(dtype, 500);
        HeldFit held = new HeldFit();
        AtomicReference<Throwable> fitFailure = new AtomicReference<>();
        FitOptions o = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(2).batch(32).listener(held).build();
        Thread fit = startFit(m, in, o, fitFailure);
        assertThat(held.inFit.await(1, TimeUnit.MINUTES)).isTrue();
        Thread closer = Thread.ofPlatform().start(m::close);
        while (!m.gate().isClosed()) {
            Thread.onSpinWait();
        }
        held.release.countDown();
        fit.join(TimeUnit.MINUTES.toMillis(2));
        closer.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(fitFailure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the model was closed while it was being trained");
        assertThatThrownBy(() -> m.predict(in.x()[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void closeWhileThreadsPredictGivesEachEitherItsAnswerOrAClearRefusal(DType dtype) throws Exception {
        Sequential m = Sequential.of(SPEC, kernel(), dtype, 12);
        Inputs[] in = new Inputs[threads()];
        long[][] expected = new long[threads()][];
        for (int t = 0; t < threads(); t++) {
            in[t] = inputs(dtype, 600 + t);
            expected[t] = bits(m.predict(in[t].x()[2]));
        }
        CountDownLatch running = new CountDownLatch(threads());
        AtomicInteger answered = new AtomicInteger();
        AtomicReference<String> wrong = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads(); t++) {
            int thread = t;
            workers.add(Thread.ofPlatform().start(() -> {
                running.countDown();
                for (;;) {
                    try {
                        if (!Arrays.equals(bits(m.predict(in[thread].x()[2])), expected[thread])) {
                            wrong.compareAndSet(null, "thread " + thread + ": other bits");
                        }
                        answered.incrementAndGet();
                    } catch (IllegalStateException e) {
                        if (!e.getMessage().equals("predict: the model (24 -> 64 -> 48 -> 6) is closed")) {
                            wrong.compareAndSet(null, "thread " + thread + ": " + e);
                        }
                        return;
                    } catch (Throwable e) {
                        wrong.compareAndSet(null, "thread " + thread + ": " + e);
                        return;
                    }
                }
            }));
        }
        running.await();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (answered.get() < threads() && wrong.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // close once calls are surely in flight
        }
        m.close();
        for (Thread w : workers) {
            w.join(TimeUnit.MINUTES.toMillis(1));
            assertThat(w.isAlive()).isFalse();
        }
        assertThat(wrong.get()).isNull();
        assertThat(answered.get()).isGreaterThanOrEqualTo(threads());
        assertThat(m.gate().readers()).isZero();
    }
}
