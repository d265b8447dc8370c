package io.densekit.cli.demo;

import io.densekit.data.Split;
import io.densekit.kernel.Kernel;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import io.densekit.train.TrainingListener;
import java.util.Map;
import java.util.function.Function;

/** One experiment trained on one kernel from given initial weights: its losses and final weights. */
record KernelRun(String kernel, DType dtype, History history, Map<String, HostTensor> weights) {

    /** Trains {@code e} on {@code kernel}; {@code listener} gets the model so it can evaluate it per epoch. */
    static KernelRun train(SeedExperiment e, Split data, Kernel kernel, DType dtype, Map<String, HostTensor> init,
                           Function<Sequential, TrainingListener> listener) {
        try (Sequential m = Sequential.of(e.model(), kernel, dtype, e.initSeed())) {
            m.state().load(init);
            FitOptions o = FitOptions.builder(e.loss()).epochs(e.epochs()).batch(e.batch())
                    .optimizer(OptimizerSpec.sgd(e.lr())).listener(listener.apply(m)).build();
            History h = new Trainer(m).fit(data.train(), data.valid(), o);
            return new KernelRun(kernel.name(), dtype, h, m.state().export());
        }
    }

    double finalValidLoss() {
        return history.validLoss().getLast();
    }
}
