package io.densekit.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Per-epoch losses of a fit: the mean minibatch loss and the validation loss (empty without validation). */
public record History(@JsonProperty("train_loss") List<Double> trainLoss,
                      @JsonProperty("valid_loss") List<Double> validLoss) {

    public History {
        trainLoss = List.copyOf(trainLoss);
        validLoss = List.copyOf(validLoss);
    }

    static History of(List<Double> train, List<Double> valid) {
        return new History(new ArrayList<>(train), new ArrayList<>(valid));
    }

    /** Writes {@code {"train_loss": [...], "valid_loss": [...]}}. */
    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    public static History readJson(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), History.class);
    }
}
