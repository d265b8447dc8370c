package io.densekit.bench.infer;

import io.densekit.nn.ModelSpec;
import java.util.List;
import java.util.Locale;

/** A model of {@code densekit bench infer}, by short name. */
public record InferenceModel(String name, ModelSpec spec) {

    /** The MNIST-sized MLP of the speed comparison, and the seed MLP, where per-call overhead is all there is. */
    public static final List<InferenceModel> STANDARD = List.of(
            new InferenceModel("mnist", ModelSpec.parse("784,128:relu,64:relu,10")),
            new InferenceModel("seed", ModelSpec.parse("6,32:tanh,32:softmax,32:sigmoid,32:relu,3")));

    /** The standard model of that name, or an error naming the known ones. */
    public static InferenceModel named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return STANDARD.stream().filter(m -> m.name.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "'; expected one of "
                        + String.join(", ", STANDARD.stream().map(InferenceModel::name).toList())));
    }
}
