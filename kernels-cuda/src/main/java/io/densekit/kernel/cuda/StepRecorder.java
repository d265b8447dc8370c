package io.densekit.kernel.cuda;

/**
 * Records a sequence of a kernel's operations once and replays it as one unit (a CUDA graph): a
 * small model's training step is dozens of tiny launches, and replaying them costs one. Offered by
 * {@link CudaKernel#recorder()} when CUDA graphs are switched on ({@code densekit.cuda.graphs=true});
 * the kernel's step runner ({@link RecordedSteps}) records a training step with it.
 *
 * <p>Inside {@link #record} the kernel queues nothing: it notes the operations, their operands and
 * their scalar arguments, and a replay repeats exactly that, on the same tensors. So the operations
 * may not read anything back ({@code loss}, {@code countCorrect}, copies, {@code synchronize}
 * throw; {@link CudaKernel#lossAsync} is allowed and its {@link io.densekit.kernel.PendingLoss} may be read after each
 * replay), and the tensors they touch must stay open while the recording lives.
 */
public interface StepRecorder {
    /** Runs {@code ops} in recording mode and returns the recording; nothing has run yet. */
    Recording record(Runnable ops);

    /** A recorded sequence of operations. */
    interface Recording extends AutoCloseable {
        /** Queues the recorded operations again, in order, after whatever was queued before. */
        void replay();

        /** Frees the recording and what it holds; a later replay throws. */
        @Override
        void close();
    }
}
