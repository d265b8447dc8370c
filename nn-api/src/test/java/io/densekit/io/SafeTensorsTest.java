package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeTensorsTest {
    @TempDir
    Path dir;

    // ---- files holding PyTorch tensors (scripts/make_format_fixtures.py) ----

    @Test
    void readsATorchStateDictInFileOrder() throws IOException {
        SafeTensorsFile f = SafeTensors.read(Fixtures.path("torch_mlp_f32.safetensors"));
        assertThat(f.tensors().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
        assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
        HostTensor w0 = f.tensors().get("0.weight");
        assertThat(w0.dtype()).isEqualTo(DType.F32);
        assertThat(w0.shape()).containsExactly(3, 2);
        assertThat(w0.toDoubleMatrix()).isEqualTo(new double[][] {{0.5, -1.0}, {0.25, 2.0}, {-0.125, 0.0}});
        assertThat(f.tensors().get("0.bias").floatArray()).containsExactly(0.1f, -0.2f, 0.3f);
        assertThat(f.tensors().get("2.weight").shape()).containsExactly(1, 3);
        assertThat(f.tensors().get("2.bias").floatArray()).containsExactly(-0.5f);

        SafeTensorsFile d = SafeTensors.read(Fixtures.path("torch_mlp_f64.safetensors"));
        assertThat(d.metadata()).isEmpty();
        assertThat(d.tensors().get("0.bias").dtype()).isEqualTo(DType.F64);
        // torch widened the float32 0.1 to float64, so the value is (double) 0.1f.
        assertThat(d.tensors().get("0.bias").doubleArray()).containsExactly(0.1f, -0.2f, 0.3f);
    }

    @Test
    void widensHalfAndBfloat16ExactlyToFloat32() throws IOException {
        SafeTensorsFile f = SafeTensors.read(Fixtures.path("torch_f16_bf16.safetensors"));
        HostTensor half = f.tensors().get("half");
        assertThat(half.dtype()).isEqualTo(DType.F32);
        assertThat(half.floatArray()).containsExactly(1.0f, -0.5f, 65504.0f, 0x1p-24f);
        assertThat(f.tensors().get("brain").floatArray()).containsExactly(1.0f, -3.0f, 0x1p100f);
    }

    @Test
    void refusesOtherDtypesNamingTheTensor() {
        assertThatThrownBy(() -> SafeTensors.read(Fixtures.path("torch_i64.safetensors")))
                .isInstanceOf(MalformedFileException.class)
                .hasMessage("torch_i64.safetensors: tensor 'steps' has dtype I64, which densekit does not read;"
                        + " expected F32 or F64 (F16 and BF16 are widened to F32)");
    }

    // ---- round trips ----

    @Test
    void roundTripsOddShapesAndKeepsTheMapOrder() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        int[][] shapes = {{1}, {3}, {17}, {0}, {1, 1}, {3, 17}, {17, 3}, {0, 5}, {5, 0}};
        for (int i = 0; i < shapes.length; i++) {
            DType dtype = i % 2 == 0 ? DType.F64 : DType.F32;
            HostTensor t = HostTensor.zeros(dtype, shapes[i]);
            for (int j = 0; j < t.size(); j++) {
                t.setFlat(j, j * 0.1 - i);
            }
            tensors.put("z" + (shapes.length - i) + ".weight", t);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "unicode: \u00e9\u4e2d \"quoted\" \\ back");
        Path f = dir.resolve("rt.safetensors");
        SafeTensors.write(f, tensors, meta);

        SafeTensorsFile back = SafeTensors.read(f);
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
        assertThat(back.metadata()).containsExactlyEntriesOf(meta);
        tensors.forEach((name, t) -> {
            HostTensor b = back.tensors().get(name);
            assertThat(b.dtype()).as(name).isEqualTo(t.dtype());
            assertThat(b.shape()).as(name).isEqualTo(t.shape());
            assertThat(b.toDoubleArray()).as(name).isEqualTo(t.toDoubleArray());
        });
    }

    @Test
    void writesTheReferenceLayout() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", HostTensor.wrap(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
        tensors.put("0.bias", HostTensor.wrap(new double[] {7, 8, 9}, 3));
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, tensors, Map.of());
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).as("header padded to 8 bytes").isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).isEqualTo("{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,2],"
                + "\"data_offsets\":[0,24]},\"0.bias\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[24,48]}}");
        assertThat(header).matches("\\{.*} *");
        assertThat(bytes.length).isEqualTo(8 + n + 48);
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 48).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getFloat()).isEqualTo(1f);
        assertThat(data.getDouble(8 + (int) n + 24)).isEqualTo(7.0);
    }

    @Property(tries = 30)
    void roundTripsRandomStateDicts(@ForAll @IntRange(min = 0, max = 5) int count, @ForAll long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            DType dtype = random.nextBoolean() ? DType.F32 : DType.F64;
            int[] shape = random.nextBoolean() ? new int[] {random.nextInt(0, 9)}
                    : new int[] {random.nextInt(0, 9), random.nextInt(0, 9)};
            HostTensor t = HostTensor.zeros(dtype, shape);
            for (int j = 0; j < t.size(); j++) {
                t.setFlat(j, random.nextDouble(-1e6, 1e6));
            }
            tensors.put(i + (random.nextBoolean() ? ".weight" : ".bias"), t);
        }
        Path f = Files.createTempFile("densekit-st-", ".safetensors");
        try {
            SafeTensors.write(f, tensors, Map.of("seed", Long.toString(seed)));
            SafeTensorsFile back = SafeTensors.read(f);
            assertThat(back.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
            for (String name : tensors.keySet()) {
                assertThat(back.tensors().get(name).toDoubleArray()).isEqualTo(tensors.get(name).toDoubleArray());
                assertThat(back.tensors().get(name).shape()).isEqualTo(tensors.get(name).shape());
            }
            assertThat(back.metadata()).containsEntry("seed", Long.toString(seed));
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void writerRefusesReservedAndEmptyNames() {
        HostTensor t = HostTensor.wrap(new float[] {1}, 1);
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("a"), Map.of("__metadata__", t), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tensor name '__metadata__'");
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("a"), Map.of("", t), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tensor name ''");
    }

    // ---- malformed input ----

    private MalformedFileException refused(byte[] content) throws IOException {
        Path f = dir.resolve("W.safetensors");
        Files.write(f, content);
        try {
            SafeTensors.read(f);
        } catch (MalformedFileException e) {
            assertThat(e.getMessage()).startsWith("W.safetensors: ");
            return e;
        }
        throw new AssertionError("W.safetensors was read without error");
    }

    @Test
    void refusesShortFilesAndBadHeaderLengths() throws IOException {
        assertThat(refused(new byte[5])).hasMessage("W.safetensors: truncated: the file is 5 bytes;"
                + " a safetensors file starts with an 8-byte little-endian header length");
        byte[] ok = Fixtures.safetensors("{}", new byte[0]);
        ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        assertThat(refused(ok)).hasMessageContaining("the header length 1000 exceeds the 2 bytes after the length field");
        ByteBuffer.wrap(ok).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertThat(refused(ok)).hasMessageContaining("the header length 18446744073709551615 exceeds");
        byte[] truncated = Arrays.copyOf(Fixtures.safetensors(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]), 40);
        assertThat(refused(truncated)).hasMessageContaining("exceeds");
    }

    @Test
    void refusesTruncatedData() throws IOException {
        byte[] full = Fixtures.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                Fixtures.littleEndianFloats(1, 2));
        assertThat(refused(Arrays.copyOf(full, full.length - 3)))
                .hasMessage("W.safetensors: tensor 'a' data offsets [0, 8) exceed the data section of 5 bytes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|the header does not start with '{'",
        "{\"a\":|the header is not valid JSON",
        "{} {}|the header is not valid JSON",
        "{\"a\":5}|tensor 'a' is JSON NUMBER; expected an object with dtype, shape and data_offsets",
        "{\"a\":{\"shape\":[2],\"data_offsets\":[0,8]}}|tensor 'a' has dtype null; expected a string",
        "{\"a\":{\"dtype\":32,\"shape\":[2],\"data_offsets\":[0,8]}}|tensor 'a' has dtype 32",
        "{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}|tensor 'a' has dtype Q7, which densekit does not read",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":2,\"data_offsets\":[0,8]}}|tensor 'a' shape is 2; expected an array of non-negative integers",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}|tensor 'a' shape is [-2]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}|tensor 'a' shape is [2.0]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}|shape is [99999999999999999999]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,8]}}|more elements than a tensor holds",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}|data_offsets is [0,8,9]; expected an array of 2 of non-negative integers",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}|data_offsets is [-8,0]",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}|tensor 'a' has data offsets [8, 0); expected begin <= end",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4000000000]}}|tensor 'a' data offsets [0, 4000000000) exceed the data section of 8 bytes",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}|tensor 'a' has shape [3] of F32, which needs 12 bytes, but its data offsets [0, 8) span 8",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}|tensor 'a' has shape [] (a 0-D scalar); densekit reads tensors of 1 or 2 dimensions",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1,1,2],\"data_offsets\":[0,8]}}|tensor 'a' has shape [1, 1, 2] (3 dimensions)",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}|tensor 'a' starts at byte 4 of the data section, but the data section starts at 0 (a gap)",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}|the tensors cover 4 bytes, but the data section has 8",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}|tensor 'b' starts at byte 4 of the data section, but tensor 'a' ends at 8 (an overlap)",
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}|Duplicate field 'a'",
        "{\"__metadata__\":[1],\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}|__metadata__ is JSON ARRAY; expected an object of strings",
        "{\"__metadata__\":{\"k\":1},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}|__metadata__ entry 'k' is JSON NUMBER; expected a string",
    })
    void refusesBadHeaders(String json, String message) throws IOException {
        assertThat(refused(Fixtures.safetensors(json, new byte[8]))).hasMessageContaining(message);
    }

    @Test
    void refusesGapsBetweenTensors() throws IOException {
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertThat(refused(Fixtures.safetensors(json, new byte[12])))
                .hasMessageContaining("tensor 'b' starts at byte 8 of the data section, but tensor 'a' ends at 4 (a gap)");
    }

    @Test
    void refusesHeadersThatAreNotUtf8() throws IOException {
        byte[] b = Fixtures.safetensors("{\"\u00e9\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        b[10] = (byte) 0xff;
        assertThat(refused(b)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void readsTensorsWhoseJsonOrderDiffersFromTheDataOrder() throws IOException {
        String json = "{\"late\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"early\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}, \"__metadata__\":null}   ";
        Path f = dir.resolve("order.safetensors");
        Files.write(f, Fixtures.safetensors(json, Fixtures.littleEndianFloats(1, 2)));
        SafeTensorsFile back = SafeTensors.read(f);
        assertThat(back.tensors().keySet()).containsExactly("late", "early");
        assertThat(back.tensors().get("late").floatArray()).containsExactly(2f);
        assertThat(back.tensors().get("early").floatArray()).containsExactly(1f);
    }

    @Test
    void headerIsCompactJsonAThirdPartyParserAccepts() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            names.add(i + ".weight");
            tensors.put(i + ".weight", HostTensor.zeros(DType.F32, i + 1, 2));
        }
        Path f = dir.resolve("h.safetensors");
        SafeTensors.write(f, tensors, Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(f);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, n, StandardCharsets.UTF_8));
        assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("pt");
        List<String> order = new ArrayList<>();
        header.fieldNames().forEachRemaining(order::add);
        assertThat(order).containsExactly("__metadata__", "0.weight", "1.weight", "2.weight", "3.weight");
    }
}
