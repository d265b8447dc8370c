package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.io.MalformedFileException;
import io.densekit.io.SafeTensors;
import io.densekit.io.SafeTensorsFile;
import io.densekit.kernel.Activation;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFileTest {
    private static final String SPEC = "5,7:tanh,6:relu,3:softmax";
    private final ReferenceKernel k = new ReferenceKernel();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DType.class)
    void aSavedModelLoadsWithItsSpecDtypeAndExactWeights(DType dtype) throws IOException {
        Path file = dir.resolve("m.safetensors");
        HostTensor x = new RandomTensors(3).normalish(dtype, 9, 5);
        try (Sequential saved = Sequential.of(SPEC, k, dtype, 21)) {
            saved.save(file);
            try (Sequential loaded = Sequential.load(file, k)) {
                assertThat(loaded.dtype()).isEqualTo(dtype);
                assertThat(loaded.spec()).isEqualTo(saved.spec());
                assertThat(loaded.spec().toString()).isEqualTo(SPEC);
                Map<String, HostTensor> want = saved.state().export();
                Map<String, HostTensor> got = loaded.state().export();
                assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
                want.forEach((name, t) -> assertThat(ModelConcurrencySuite.bits(got.get(name)))
                        .as(name).isEqualTo(ModelConcurrencySuite.bits(t)));
                assertThat(ModelConcurrencySuite.bits(loaded.predict(x)))
                        .isEqualTo(ModelConcurrencySuite.bits(saved.predict(x)));
            }
        }
    }

    @Test
    void theFileIsPlainSafetensorsWithPyTorchNamesAndTheSpecInItsMetadata() throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (Sequential m = Sequential.of(SPEC, k, DType.F32, 4)) {
            m.save(file);
        }
        SafeTensorsFile f = SafeTensors.read(file);
        assertThat(f.metadata()).containsEntry("densekit_model", SPEC).containsEntry("densekit_dtype", "f32")
                .containsEntry("format", "pt");
        assertThat(f.tensors().keySet()).containsExactly(
                "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(f.tensors().values()).allSatisfy(t -> assertThat(t.dtype()).isEqualTo(DType.F32));
    }

    @Test
    void extraMetadataIsKeptBesideTheSpecAndMayNotReplaceIt() throws IOException {
        Path file = dir.resolve("classes.safetensors");
        try (Sequential m = Sequential.of("2,3", k, DType.F64, 1)) {
            m.save(file, Map.of("classes", "[\"a\",\"b\",\"c\"]"));
            assertThat(SafeTensors.read(file).metadata()).containsEntry("classes", "[\"a\",\"b\",\"c\"]")
                    .containsEntry("densekit_model", "2,3").containsEntry("densekit_dtype", "f64");
            try (Sequential back = Sequential.load(file, k)) {
                assertThat(back.spec().toString()).isEqualTo("2,3");
            }
            Path other = dir.resolve("never.safetensors");
            assertThatThrownBy(() -> m.save(other, Map.of("densekit_model", "9,9")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("metadata key 'densekit_model' is written by save itself; choose another name");
            assertThat(other).doesNotExist();
        }
    }

    @Test
    void loadWithoutAKernelUsesTheBestOne() throws IOException {
        Path file = dir.resolve("m.safetensors");
        try (Sequential m = Sequential.of("2,3", k, DType.F64, 1)) {
            m.save(file);
        }
        try (Sequential m = Sequential.load(file)) {
            assertThat(m.spec().toString()).isEqualTo("2,3");
            assertThat(m.dtype()).isEqualTo(DType.F64);
        }
    }

    @Test
    void aFileOfWeightsAloneNamesTheMissingSpec() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        try (Sequential m = Sequential.of(SPEC, k, DType.F64, 2)) {
            SafeTensors.write(file, m.state().export(), Map.of("format", "pt"));
        }
        assertThatThrownBy(() -> Sequential.load(file, k)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("weights.safetensors: no 'densekit_model' in its __metadata__ (the model spec")
                .hasMessageContaining("state().load");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "densekit_model=5,7:tanh,6:relu,3:softmax|no 'densekit_dtype' in its __metadata__ (the model's dtype, f32 or f64",
        "densekit_model=5,7:swish,6:relu,3:softmax;densekit_dtype=f64|__metadata__ 'densekit_model' does not parse:"
                + " model spec '5,7:swish,6:relu,3:softmax', layer 1: unknown activation 'swish'",
        "densekit_model=;densekit_dtype=f64|__metadata__ 'densekit_model' does not parse: empty model spec",
        "densekit_model=5,7:tanh,6:relu,3:softmax;densekit_dtype=f16|__metadata__ 'densekit_dtype' does not parse:"
                + " unknown dtype 'f16'; expected f32 or f64",
        "densekit_model=5,7:tanh,6:relu,4;densekit_dtype=f64|the weights do not fit its model 5,7:tanh,6:relu,4:",
        "densekit_model=5,7:tanh,3;densekit_dtype=f64|the weights do not fit its model 5,7:tanh,3: the weights hold 3 layers",
    })
    void malformedMetadataIsOneLineNamingTheKeyAndWhatWasExpected(String metadata, String message) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        try (Sequential m = Sequential.of(SPEC, k, DType.F64, 2)) {
            SafeTensors.write(file, m.state().export(), parse(metadata));
        }
        assertThatThrownBy(() -> Sequential.load(file, k)).isInstanceOf(MalformedFileException.class)
                .hasMessageStartingWith("bad.safetensors: " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Map<String, String> parse(String metadata) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String entry : metadata.split(";")) {
            int eq = entry.indexOf('=');
            out.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return out;
    }

    @Test
    void aModelNoSpecDescribesIsRefusedBeforeTheFileIsWritten() {
        Path file = dir.resolve("never.safetensors");
        try (Sequential m = new Sequential(k, DType.F64, 3, List.of(
                new Dense(k, DType.F64, 3, 3, Activation.IDENTITY, new SplittableRandom(1)),
                new ActivationLayer(k, DType.F64, 3, Activation.TANH)))) {
            assertThatThrownBy(() -> m.save(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has no spec form");
        }
        assertThat(Files.exists(file)).isFalse();
    }
}
