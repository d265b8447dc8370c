package io.densekit.kernel.cuda;

import io.densekit.data.Dataset;
import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.util.List;
import java.util.SplittableRandom;

/** Small seeded classification fits, for tests that compare two ways of training bit for bit. */
final class Fits {
    private Fits() {
    }

    /** {x [n, in] uniform in [-1, 1), y [n, 1] class indices below {@code classes}}, seeded. */
    static HostTensor[] data(DType dt, int n, int in, int classes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor x = HostTensor.zeros(dt, n, in);
        HostTensor y = HostTensor.zeros(dt, n, 1);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, r.nextDouble(-1, 1));
        }
        for (int i = 0; i < n; i++) {
            y.setFlat(i, r.nextInt(classes));
        }
        return new HostTensor[] {x, y};
    }

    /** The optimizers the bit-for-bit comparisons train with: SGD and Adam at one learning rate. */
    static List<OptimizerSpec> optimizers(double lr) {
        return List.of(OptimizerSpec.sgd(lr), OptimizerSpec.adam(lr));
    }

    /**
     * Trains a model of {@code spec} (seed 11) on {@code xy}, with the validation set {@code valid}
     * (null for none), and returns its first weight; the history goes to history[0].
     */
    static double[] train(Kernel k, String spec, DType dt, FitOptions.Builder options, HostTensor[] xy,
                          HostTensor[] valid, History[] history) {
        try (Sequential m = Sequential.of(spec, k, dt, 11)) {
            history[0] = new Trainer(m).fit(new Dataset(xy[0], xy[1]),
                    valid == null ? null : new Dataset(valid[0], valid[1]), options.build());
            return m.state().export().get("0.weight").toDoubleArray();
        }
    }
}
