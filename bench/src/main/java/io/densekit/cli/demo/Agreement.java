package io.densekit.cli.demo;

import io.densekit.tensor.HostTensor;
import io.densekit.train.History;
import java.util.List;
import java.util.Map;

/** How far one kernel's training run lies from the reference kernel's, from the same start. */
final class Agreement {
    private Agreement() {
    }

    /**
     * The largest relative difference over every weight and bias: {@code |w - r| / max(|r|, floor)},
     * where {@code floor = 1e-6 * max |r|} over the tensor keeps weights that trained to about zero from
     * dividing by nothing.
     */
    static double weights(Map<String, HostTensor> run, Map<String, HostTensor> reference) {
        double worst = 0;
        for (Map.Entry<String, HostTensor> e : reference.entrySet()) {
            HostTensor r = e.getValue();
            HostTensor w = run.get(e.getKey());
            double scale = 0;
            for (int i = 0; i < r.size(); i++) {
                scale = Math.max(scale, Math.abs(r.getFlat(i)));
            }
            double floor = scale == 0 ? Double.MIN_NORMAL : 1e-6 * scale;
            for (int i = 0; i < r.size(); i++) {
                double d = Math.abs(w.getFlat(i) - r.getFlat(i)) / Math.max(Math.abs(r.getFlat(i)), floor);
                worst = Math.max(worst, d); // Math.max keeps a NaN
            }
        }
        return worst;
    }

    /** The largest relative difference between two runs' per-epoch train and validation losses. */
    static double losses(History run, History reference) {
        return Math.max(losses(run.trainLoss(), reference.trainLoss()), losses(run.validLoss(), reference.validLoss()));
    }

    static double losses(List<Double> run, List<Double> reference) {
        double worst = 0;
        for (int i = 0; i < reference.size(); i++) {
            double r = reference.get(i);
            double d = Math.abs(run.get(i) - r) / Math.max(Math.abs(r), Double.MIN_NORMAL);
            worst = Math.max(worst, d); // Math.max keeps a NaN
        }
        return worst;
    }
}
