package io.densekit.kernel.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon threads that run the parts of one {@link ParallelTask} at a time: part p runs
 * on thread {@code p % threads} (the caller is thread 0). Which thread runs a part never changes what
 * the part computes, so results do not depend on the thread count.
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
    private final AtomicInteger pending = new AtomicInteger();
    private Worker[] workers;
    private volatile int generation;
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
        startWorkers();
        task = t;
        parts = n;
        failure = null;
        caller = Thread.currentThread();
        pending.set(threads - 1);
        generation = generation + 1;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        Throwable own = null;
        try {
            Workspace ws = localWorkspace();
            for (int p = 0; p < n; p += threads) {
                t.runPart(p, ws);
            }
        } catch (Throwable e) {
            own = e;
        }
        awaitWorkers();
        task = null;
        Throwable f = own != null ? own : failure;
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

    private void awaitWorkers() {
        long start = System.nanoTime();
        while (pending.get() != 0) {
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
                w[i] = new Worker(i + 1);
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
        private final int index;
        private final Workspace workspace = new Workspace();
        private int seen;
        private volatile boolean stopped;

        Worker(int index) {
            super("densekit-simd-" + index);
            this.index = index;
            setDaemon(true);
            this.seen = generation;
        }

        @Override
        public void run() {
            while (awaitJob()) {
                ParallelTask t = task;
                int n = parts;
                try {
                    for (int p = index; p < n; p += threads) {
                        t.runPart(p, workspace);
                    }
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /** Waits for the next generation; false when the pool closes. */
        private boolean awaitJob() {
            long start = System.nanoTime();
            while (generation == seen) {
                if (stopped) {
                    return false;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(WorkerPool.this);
                }
            }
            seen = generation;
            // A worker of a closed pool that wakes only after a new set of workers took the next
            // task must not run parts of it too: its count-down would let the caller return early.
            // Stopped was set before that generation was published, so it is seen here.
            return !stopped;
        }
    }
}
