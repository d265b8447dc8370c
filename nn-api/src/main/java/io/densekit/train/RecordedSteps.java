package io.densekit.train;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRecorder;
import io.densekit.nn.Sequential;
import io.densekit.nn.Workspace;
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
    private final Sequential model;
    private final Kernel kernel;
    private final LossKind loss;
    private final Workspace lossGrads;
    private final Map<Tensor, Step> steps = new IdentityHashMap<>();

    /** One recording, for one pair of input buffers. */
    private record Step(Tensor y, StepRecorder.Recording recording, PendingLoss loss) {
    }

    RecordedSteps(Kernel kernel, Sequential model, LossKind loss, Workspace lossGrads) {
        this.recorder = kernel.recorder().orElse(null);
        this.model = model;
        this.kernel = kernel;
        this.loss = loss;
        this.lossGrads = lossGrads;
    }

    boolean enabled() {
        return recorder != null;
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
            StepRecorder.Recording r = recorder.record(() -> {
                Tensor out = model.forward(x);
                queued[0] = kernel.lossAsync(loss, out, y);
                Tensor grad = lossGrads.get(x.rows());
                kernel.lossGradient(loss, out, y, grad);
                model.backward(grad);
            });
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
