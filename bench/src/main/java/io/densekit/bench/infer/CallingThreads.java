package io.densekit.bench.infer;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The calling threads of one case: in a round every thread makes the same number of calls to its
 * own caller, starting together; each call's latency is kept, and the round's wall time (first start
 * to last end) gives its rows per second.
 */
final class CallingThreads implements AutoCloseable {
    private final ExecutorService threads;
    private final int width;

    CallingThreads(int threads) {
        this.width = threads;
        this.threads = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "densekit-bench-caller");
            t.setDaemon(true);
            return t;
        });
    }

    /** One round: {@code calls} calls on each thread; returns the wall time in nanoseconds. */
    long round(Contender c, int calls, long[] latencies) {
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
                throw new IllegalStateException("interrupted while timing " + c.name(), e);
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
