package io.densekit.kernel.simd;

/** Work split into numbered parts; each part runs once, on one thread, with that thread's workspace. */
interface ParallelTask {
    void runPart(int part, Workspace workspace);
}
