package io.densekit.bench.peers;

/** One case ready to run on one contender: {@link #run} makes calls back to back and says how long they took. */
public interface TimedCase extends AutoCloseable {

    /** Makes {@code calls} calls (each one finished, a GPU's work included); returns the nanoseconds they took. */
    long run(int calls);

    @Override
    void close();

    /** A call run in this thread, timed back to back; {@code close} frees its operands. */
    static TimedCase of(Runnable call, Runnable close) {
        return new TimedCase() {
            @Override
            public long run(int calls) {
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    call.run();
                }
                return System.nanoTime() - t0;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }
}
