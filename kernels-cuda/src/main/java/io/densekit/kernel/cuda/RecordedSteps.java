package io.densekit.kernel.cuda;

import io.densekit.kernel.BatchStep;
import io.densekit.kernel.PendingLoss;
import io.densekit.kernel.StepRunner;
import io.densekit.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The cuda kernel's step runner with CUDA graphs on: the trainer's step (forward, loss, loss
 * gradient, backward) on a full batch is recorded once per input buffer and replayed for every
 * later batch in that buffer. The first full batch runs as it comes, so every buffer the step uses
 * (activations, gradients, loss slots) exists before anything is recorded; the shorter last batch
 * always runs as it comes. The optimizer update stays outside, since its scalars (Adam's bias
 * corrections) change every step.
 */
final class RecordedSteps implements StepRunner {
    private final StepRecorder recorder;
    private final BatchStep body;
    private final int batchRows;
    private final Map<Tensor, Step> steps = new IdentityHashMap<>();
    private boolean warm; // a full batch has run as it came: every buffer a recording needs exists

    /** One recording, for one pair of input buffers. */
    private record Step(Tensor y, StepRecorder.Recording recording, PendingLoss loss) {
    }

    /** {@code body} is the trainer's step, run as it comes or inside a recording. */
    RecordedSteps(StepRecorder recorder, BatchStep body, int batchRows) {
        this.recorder = recorder;
        this.body = body;
        this.batchRows = batchRows;
    }

    @Override
    public PendingLoss run(Tensor x, Tensor y) {
        boolean full = x.rows() == batchRows;
        if (!full || !warm) {
            PendingLoss pending = body.queue(x, y);
            warm |= full;
            return pending;
        }
        return replay(x, y);
    }

    /** Replays (recording first if needed) the step on these buffers and returns its queued loss. */
    private PendingLoss replay(Tensor x, Tensor y) {
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
