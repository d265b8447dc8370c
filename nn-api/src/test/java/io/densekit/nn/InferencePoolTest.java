package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The inference buffers' pool: reused in a steady state, bounded under contention. */
class InferencePoolTest {
    private final ReferenceKernel k = new ReferenceKernel();

    @Test
    void steadyStateCallsMakeNoNewBuffers() {
        try (Sequential m = Sequential.of("5,16:tanh,3", k, DType.F32, 1)) {
            HostTensor[] inputs = {HostTensor.zeros(DType.F32, 1, 5), HostTensor.zeros(DType.F32, 7, 5),
                HostTensor.zeros(DType.F32, 64, 5)};
            for (HostTensor x : inputs) {
                m.predict(x);
            }
            long warm = m.inferencePool().created();
            assertThat(warm).isEqualTo(3);
            for (int i = 0; i < 300; i++) {
                m.predict(inputs[i % 3]);
                m.predict(new float[5]);
            }
            assertThat(m.inferencePool().created()).isEqualTo(warm);
        }
    }

    @Test
    void idleBuffersStayWithinTheCapacityWhateverTheContention() throws Exception {
        try (Sequential m = Sequential.of("5,16:tanh,3", k, DType.F64, 2)) {
            InferencePool pool = m.inferencePool();
            int threads = pool.capacity() * 3; // more callers than the pool keeps sets for
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int rows = 1 + t % 5; // and more row counts than one would need
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 50; i++) {
                            m.predict(HostTensor.zeros(DType.F64, rows, 5));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread w : workers) {
                w.join();
            }
            assertThat(pool.idleCount()).isBetween(1, pool.capacity());
        }
    }

    @Test
    void idleSetsBeyondTheFirstStayWithinTheByteBudget() {
        Sequential m = Sequential.of("5,3", k, DType.F64, 4);
        // A set of 100 rows holds 100 x 3 doubles: 2 400 bytes; the budget takes one more of them, not two.
        InferencePool pool = new InferencePool(k, DType.F64, 5, m.layers(), 8, 5_000);
        InferenceBuffers a = pool.take(100);
        InferenceBuffers b = pool.take(100);
        InferenceBuffers c = pool.take(100);
        assertThat(a.bytes()).isEqualTo(2_400);
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(pool.idleBytes()).isEqualTo(4_800);
        InferenceBuffers big = new InferencePool(k, DType.F64, 5, m.layers(), 8, 5_000).take(10_000);
        InferencePool empty = new InferencePool(k, DType.F64, 5, m.layers(), 8, 5_000);
        empty.give(big);
        assertThat(empty.idleCount()).as("a first set is kept whatever its size").isEqualTo(1);
        pool.take(100);
        pool.take(100);
        assertThat(pool.idleBytes()).isZero();
    }

    @Test
    void takenSetsAreNeverHandedOutTwice() {
        try (Sequential m = Sequential.of("5,3", k, DType.F64, 3)) {
            InferencePool pool = m.inferencePool();
            InferenceBuffers a = pool.take(4);
            InferenceBuffers b = pool.take(4);
            assertThat(b).isNotSameAs(a);
            pool.give(a);
            assertThat(pool.take(4)).isSameAs(a);
            assertThat(pool.take(2)).isNotSameAs(b);
        }
    }
}
