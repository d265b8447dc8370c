package io.densekit.train;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRecorder;
import io.densekit.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The trainer's recorded steps, where the kernel offers a {@link StepRecorder} (CUDA graphs): the
 * device part of a full-batch step (forward, loss, loss gradient, backward) recorded once per input
 * buffer and replayed for every later batch in that buffer. The optimizer update stays outside,
 * since its scalars (Adam's bias corrections) change every step. Without a recorder nothing is
 * recorded and the trainer runs every step as it comes.
 */
final class RecordedSteps implements AutoCloseable {
    private final StepRecorder recorder;
    private final DeviceStep body;
    private final Map<Tensor, Step> steps = new IdentityHashMap<>();

    /** The device part of a step on one batch: queues it and returns its queued loss. */
    @FunctionalInterface
    interface DeviceStep {
        PendingLoss queue(Tensor x, Tensor y);
    }

    /** One recording, for one pair of input buffers. */
    private record Step(Tensor y, StepRecorder.Recording recording, PendingLoss loss) {
    }

    /** {@code body} is the trainer's own step, run as it comes or inside a recording. */
    RecordedSteps(Kernel kernel, DeviceStep body) {
        this.recorder = kernel.recorder().orElse(null);
        this.body = body;
    }

    boolean enabled() {
        return recorder != null;
    }

    /** The step on these buffers, queued as it comes (not recorded). */
    PendingLoss runEagerly(Tensor x, Tensor y) {
        return body.queue(x, y);
    }

    /**
     * Replays (recording first if needed) the step on these buffers and returns its queued loss.
     * The caller ran one step of this batch size eagerly before, so every buffer the step uses exists.
     */
    PendingLoss replay(Tensor x, Tensor y) {
        Step s = steps.get(x);
        if (s != null && s.y() != y) {
            s.recording().close();
            s = null;
        }
        if (s == null) {
            PendingLoss[] queued = new PendingLoss[1];
            StepRecorder.Recording r = recorder.record(() -> queued[0] = body.queue(x, y));
            s = new Step(y, r, queued[0]);
            steps.put(x, s);
        }
        s.recording().replay();
        return s.loss();
    }

    @Override
    public void close() {
        steps.values().forEach(s -> s.recording().close());
        steps.clear();
    }
}
