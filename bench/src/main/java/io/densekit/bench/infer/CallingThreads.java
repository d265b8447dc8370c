package io.densekit.bench.infer;

import io.densekit.bench.harness.Stopwatch;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the contenders of one case in turns: warm-up rounds until each is warm (see
 * {@link Contender#warm}), then timed rounds A B A B .... In a round every calling thread makes the same number of calls,
 * starting together; each call's latency is kept, and the round's wall time (first start to last
 * end) gives its rows per second.
 */
final class InterleavedRounds implements AutoCloseable {
    private final ExecutorService threads;
    private final int width;

    InterleavedRounds(int threads) {
        this.width = threads;
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "densekit-bench-caller");
            t.setDaemon(true);
            return t;
        });
    }

    /** Warms up and times {@code contenders}, each with this object's number of calling threads. */
    void run(List<Contender> contenders, InferenceTiming timing, int batch) {
        boolean warming = true;
        while (warming) {
            warming = false;
            for (Contender c : contenders) {
                if (!c.warm(timing.warmupNanos())) {
                    int calls = c.callsFor(timing.roundNanos());
                    long[] unused = new long[calls * width];
                    long jit = Stopwatch.compilationMillis();
                    long wall = round(c, calls, unused);
                    c.warmed(wall, calls, Stopwatch.compilationMillis() != jit);
                    warming |= !c.warm(timing.warmupNanos());
                }
            }
        }
        for (int r = 0; r < timing.rounds(); r++) {
            for (Contender c : contenders) {
                int calls = c.callsFor(timing.roundNanos());
                long[] latencies = new long[calls * width];
                c.timed(round(c, calls, latencies), latencies, batch);
            }
        }
    }

    /** One round: {@code calls} calls on each thread; returns the wall time in nanoseconds. */
    private long round(Contender c, int calls, long[] latencies) {
        CyclicBarrier start = new CyclicBarrier(width);
        long[] starts = new long[width];
        long[] ends = new long[width];
        Future<?>[] running = new Future<?>[width];
        for (int t = 0; t < width; t++) {
            int thread = t;
            running[t] = threads.submit(() -> {
                InferencePeer.Caller caller = c.caller(thread);
                var x = c.input(thread);
                start.await();
                starts[thread] = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    caller.predict(x);
                    latencies[thread * calls + i] = System.nanoTime() - t0;
                }
                ends[thread] = System.nanoTime();
                return null;
            });
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while timing " + c.peer(), e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
            }
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int t = 0; t < width; t++) {
            first = Math.min(first, starts[t]);
            last = Math.max(last, ends[t]);
        }
        return Math.max(1, last - first);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
