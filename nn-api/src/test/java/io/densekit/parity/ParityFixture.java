package io.densekit.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.data.Dataset;
import io.densekit.io.NdArray;
import io.densekit.io.Npy;
import io.densekit.io.SafeTensors;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * One recorded PyTorch training run (see fixtures/README.md): data, initial and final weights,
 * per-epoch losses, in float64 and float32. Read from the class path, so kernel modules can replay
 * the fixtures shipped in nn-api's test-jar.
 */
public record ParityFixture(String name, JsonNode config, HostTensor xTrain, HostTensor yTrain,
                            HostTensor xValid, HostTensor yValid, Map<String, HostTensor> init,
                            Map<String, HostTensor> finalF64, History historyF64,
                            Map<String, HostTensor> finalF32, History historyF32) {

    /** Every case under fixtures/, in the order of the fixtures README. */
    public static final List<String> CASES = List.of(
            "linear_regression", "multivariate_regression", "softmax_classifier", "mlp",
            "cross_entropy_indices", "nll_logsoftmax", "sgd_momentum_weight_decay", "adam",
            "adam_weight_decay", "bce", "sgd_nesterov", "sgd_dampening");

    public static ParityFixture load(String name) {
        try {
            Path dir = Files.createTempDirectory("densekit-fixture-" + name);
            ObjectMapper json = new ObjectMapper();
            JsonNode config = json.readTree(copy(name, "config.json", dir).toFile());
            ParityFixture f = new ParityFixture(name, config,
                    array(copy(name, "x_train.npy", dir)), array(copy(name, "y_train.npy", dir)),
                    array(copy(name, "x_valid.npy", dir)), array(copy(name, "y_valid.npy", dir)),
                    SafeTensors.read(copy(name, "init.safetensors", dir)).tensors(),
                    SafeTensors.read(copy(name, "final.safetensors", dir)).tensors(),
                    History.readJson(copy(name, "history.json", dir)),
                    SafeTensors.read(copy(name, "final_f32.safetensors", dir)).tensors(),
                    History.readJson(copy(name, "history_f32.json", dir)));
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load parity fixture " + name, e);
        }
    }

    private static Path copy(String name, String file, Path dir) throws IOException {
        String resource = "/fixtures/" + name + "/" + file;
        try (InputStream in = ParityFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Path target = dir.resolve(file);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }

    private static HostTensor array(Path p) throws IOException {
        NdArray a = Npy.read(p);
        return a.toTensor(DType.F64);
    }

    public String model() {
        return config.get("model").asText();
    }

    public LossKind loss() {
        return LossKind.parse(config.get("loss").asText());
    }

    /** The training data. */
    public Dataset train() {
        return new Dataset(xTrain, yTrain);
    }

    /** The validation data. */
    public Dataset valid() {
        return new Dataset(xValid, yValid);
    }

    /** The run's loss, loop and optimizer with its hyper-parameters, as FitOptions. */
    public FitOptions options() {
        JsonNode c = config;
        return FitOptions.builder(loss())
                .epochs(c.get("epochs").asInt())
                .batch(c.get("batch").asInt())
                .optimizer(optimizer())
                .build();
    }

    private OptimizerSpec optimizer() {
        JsonNode c = config;
        double lr = c.get("lr").asDouble();
        double weightDecay = c.get("weight_decay").asDouble();
        String name = c.get("optimizer").asText();
        return switch (name) {
            case "sgd" -> OptimizerSpec.sgd(new SgdParams(lr, c.get("momentum").asDouble(),
                    c.get("dampening").asDouble(), c.get("nesterov").asBoolean(), weightDecay));
            case "adam" -> OptimizerSpec.adam(new AdamParams(lr, c.get("betas").get(0).asDouble(),
                    c.get("betas").get(1).asDouble(), c.get("eps").asDouble(), weightDecay));
            default -> throw new IllegalArgumentException("fixture " + this.name + ": unknown optimizer '" + name
                    + "'; expected sgd or adam");
        };
    }
}
