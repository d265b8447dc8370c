package io.densekit.nn;

/**
 * A stable slot per calling thread among {@code count}, spread by a multiplicative hash of the
 * thread id, so that threads calling one model at once mostly touch different cache lines
 * (the gate's reader cells, the pool's first slot to scan). Two threads may share a slot: the
 * users of a slot stay correct then, only slower.
 */
final class ThreadSlots {
    private ThreadSlots() {
    }

    /** The calling thread's slot in {@code [0, count)}; the same on every call of one thread. */
    static int of(int count) {
        long id = Thread.currentThread().threadId();
        return (int) Long.remainderUnsigned(id * 0x9E3779B97F4A7C15L >>> 32, count);
    }
}
