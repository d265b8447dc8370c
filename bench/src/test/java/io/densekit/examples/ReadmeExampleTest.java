package io.densekit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.data.Dataset;
import io.densekit.data.Split;
import io.densekit.data.SyntheticClassification;
import io.densekit.io.SafeTensors;
import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.kernel.LossKind;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, kept compiling and working: if this changes, change the README. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.safetensors");
        // --- README example begins
        Dataset data = SyntheticClassification.of(2_000, 64, 10).withInformative(8).withSeed(1).generate();
        Split split = Split.shuffled(data, 1_600, 7);
        Kernel kernel = Kernels.best();                        // or Kernels.byName("simd")
        try (Sequential model = Sequential.builder(64).dense(32, Activation.RELU).dense(10)
                .build(kernel, DType.F32, 42)) {
            FitOptions options = FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(20).batch(64)
                    .optimizer(OptimizerSpec.sgd(0.1)).build();
            History h = new Trainer(model).fit(split.train(), split.valid(), options);
            double accuracy = model.accuracy(split.valid().x(), split.valid().y());
            model.save(file);
            // --- README example ends
            assertThat(h.validLoss().getLast()).isLessThan(h.validLoss().getFirst());
            assertThat(accuracy).as("well above the 10%% of chance").isGreaterThan(0.3);
            assertThat(SafeTensors.read(file).tensors()).containsOnlyKeys("0.weight", "0.bias", "2.weight", "2.bias");
            try (Sequential loaded = Sequential.load(file, kernel)) {
                assertThat(loaded.accuracy(split.valid().x(), split.valid().y())).isEqualTo(accuracy);
            }
        }
    }
}
