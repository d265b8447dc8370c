package io.densekit.kernel.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run the parts of one {@link ParallelTask} at a time. Parts are
 * claimed, not assigned: the caller and every worker take the next unclaimed part until none is
 * left, and the caller returns once every part has finished. A worker that wakes late (its core busy
 * with another process, which on a 2-core machine can take a scheduler tick of 100 us or more) finds
 * the parts already taken, so the caller never waits for a worker that has not started; it waits
 * only for parts in progress. Which thread runs a part never changes what the part computes, so
 * results do not depend on the thread count or on who ran what.
 *
 * <p>Dispatch allocates nothing: tasks are reusable objects, workers spin briefly and then park.
 * Threads start on the first parallel call, so constructing a kernel stays cheap.
 * Parallel calls take turns (the method is synchronized): the workers serve one task at a time.
 */
final class WorkerPool implements AutoCloseable {
    /** How long an idle worker or a waiting caller spins before parking; back-to-back GEMMs of a training step arrive within it. */
    private static final long SPIN_NANOS = 50_000;

    private final int threads;
    private final ThreadLocal<Workspace> callerWorkspace = ThreadLocal.withInitial(Workspace::new);
    /** The most parts one task may have: the part count and the next part share a word (see {@link #claims}). */
    static final int MAX_PARTS = 0xFFFF;

    /**
     * The current task's generation (high 32 bits), its part count (16 bits) and its next unclaimed
     * part (low 16 bits), in one word, so that a claim, a compare-and-set on it, belongs to exactly
     * one task: a worker still holding an old generation, or reading the fields of a task being set
     * up, can never take a part of the next task.
     */
    private final AtomicLong claims = new AtomicLong();
    /** Parts of the current task that have finished (run or failed). */
    private final AtomicInteger finished = new AtomicInteger();
    private Worker[] workers;
    private ParallelTask task;
    private int parts;
    private volatile Thread caller;
    private volatile Throwable failure;

    WorkerPool(int threads) {
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /** The calling thread's workspace, for work that stays on one thread. */
    Workspace localWorkspace() {
        return callerWorkspace.get();
    }

    /** Runs parts {@code 0 .. parts-1} and returns when all are done; rethrows the first failure. */
    void run(int parts, ParallelTask t) {
        if (parts <= 1 || threads == 1) {
            Workspace ws = localWorkspace();
            for (int p = 0; p < parts; p++) {
                t.runPart(p, ws);
            }
            return;
        }
        runParallel(parts, t);
    }

    private synchronized void runParallel(int n, ParallelTask t) {
        if (n > MAX_PARTS) {
            throw new IllegalArgumentException("a parallel task has at most " + MAX_PARTS + " parts, got " + n);
        }
        startWorkers();
        task = t;
        parts = n;
        failure = null;
        caller = Thread.currentThread();
        finished.set(0);
        long generation = (claims.get() >>> 32) + 1 & 0xFFFF_FFFFL;
        // Publishes the task: the fields above are written before this volatile write, and a worker
        // reads them only after a claim of this generation has succeeded.
        claims.set(generation << 32 | (long) n << 16);
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        runClaimed(generation, localWorkspace());
        awaitParts(n);
        task = null;
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    /**
     * Claims and runs parts of {@code generation} until none is left. The task's fields are read only
     * after a claim succeeded: that task cannot finish, and so cannot be replaced, before this part does.
     */
    private void runClaimed(long generation, Workspace ws) {
        for (int p; (p = claim(generation)) >= 0; ) {
            try {
                task.runPart(p, ws);
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            }
            if (finished.incrementAndGet() == parts) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** The next part of {@code generation}, or -1 when that task has none left (or is over). */
    private int claim(long generation) {
        while (true) {
            long c = claims.get();
            int next = (int) (c & MAX_PARTS);
            int count = (int) (c >>> 16 & MAX_PARTS);
            if (c >>> 32 != generation || next >= count) {
                return -1;
            }
            if (claims.compareAndSet(c, c + 1)) {
                return next;
            }
        }
    }

    private void awaitParts(int n) {
        long start = System.nanoTime();
        while (finished.get() != n) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void startWorkers() {
        if (workers == null) {
            Worker[] w = new Worker[threads - 1];
            for (int i = 0; i < w.length; i++) {
                w[i] = new Worker(i + 1, claims.get() >>> 32);
                w[i].start();
            }
            workers = w;
        }
    }

    /** Stops the worker threads; a later parallel call starts new ones. */
    @Override
    public synchronized void close() {
        if (workers != null) {
            for (Worker w : workers) {
                w.stopped = true;
                LockSupport.unpark(w);
            }
            workers = null;
        }
    }

    private final class Worker extends Thread {
        private final Workspace workspace = new Workspace();
        private long seen;
        private volatile boolean stopped;

        Worker(int index, long generation) {
            super("densekit-simd-" + index);
            setDaemon(true);
            this.seen = generation;
        }

        @Override
        public void run() {
            while (true) {
                long generation = awaitJob();
                if (generation < 0) {
                    return;
                }
                runClaimed(generation, workspace);
            }
        }

        /** Waits for a generation after the last one seen and returns it; -1 when the pool closes. */
        private long awaitJob() {
            long start = System.nanoTime();
            while (true) {
                if (stopped) {
                    return -1;
                }
                long generation = claims.get() >>> 32;
                if (generation != seen) {
                    seen = generation;
                    return generation;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(WorkerPool.this);
                }
            }
        }
    }
}
