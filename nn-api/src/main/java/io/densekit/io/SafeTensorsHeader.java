package io.densekit.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file, parsed and validated against the size of the data section:
 * every field of the right type, dtypes densekit reads, rank 1 or 2, offsets inside the data, byte
 * lengths matching the shapes, and the tensors tiling the data section with no gap or overlap.
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    static final String METADATA = "__metadata__";

    /** One tensor: where its bytes lie in the data section ({@code [begin, end)}). */
    record Entry(String name, ElementType type, int[] shape, long begin, long end) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static SafeTensorsHeader parse(Path file, ByteBuffer bytes, long dataSize) throws MalformedFileException {
        JsonNode root = json(file, bytes);
        if (!(root instanceof ObjectNode object)) {
            throw new MalformedFileException(file, "the header is JSON " + root.getNodeType()
                    + "; expected an object of tensor entries");
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (field.getKey().equals(METADATA)) {
                metadata(file, field.getValue(), metadata);
            } else {
                entries.add(entry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkLayout(file, entries, dataSize);
        return new SafeTensorsHeader(entries, metadata);
    }

    private static JsonNode json(Path file, ByteBuffer bytes) throws MalformedFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFileException(file, "the header is not valid UTF-8 JSON");
        }
        if (!text.startsWith("{")) {
            throw new MalformedFileException(file, "the header does not start with '{'; expected a JSON"
                    + " object (not a safetensors file, or a wrong header length?)");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedFileException(file, "the header is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void metadata(Path file, JsonNode node, Map<String, String> out)
            throws MalformedFileException {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new MalformedFileException(file, METADATA + " is JSON " + node.getNodeType()
                    + "; expected an object of strings");
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            if (!f.getValue().isTextual()) {
                throw new MalformedFileException(file, METADATA + " entry '" + f.getKey() + "' is JSON "
                        + f.getValue().getNodeType() + "; expected a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataSize)
            throws MalformedFileException {
        String what = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw new MalformedFileException(file, what + " is JSON " + node.getNodeType()
                    + "; expected an object with dtype, shape and data_offsets");
        }
        JsonNode dtype = node.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new MalformedFileException(file, what + " has dtype " + dtype + "; expected a string such as \"F32\"");
        }
        ElementType type = switch (dtype.textValue()) {
            case "F32" -> ElementType.FLOAT32;
            case "F64" -> ElementType.FLOAT64;
            case "F16" -> ElementType.FLOAT16;
            case "BF16" -> ElementType.BFLOAT16;
            default -> throw new MalformedFileException(file, what + " has dtype " + dtype.textValue()
                    + ", which densekit does not read; expected F32 or F64 (F16 and BF16 are widened to F32)");
        };
        long[] shape = naturals(file, what + " shape", node.get("shape"), -1);
        long[] offsets = naturals(file, what + " data_offsets", node.get("data_offsets"), 2);
        if (shape.length < 1 || shape.length > 2) {
            throw new MalformedFileException(file, what + " has shape " + Arrays.toString(shape)
                    + (shape.length == 0 ? " (a 0-D scalar)" : " (" + shape.length + " dimensions)")
                    + "; densekit reads tensors of 1 or 2 dimensions");
        }
        int[] dims = new int[shape.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            // Each factor is bounded, so the product cannot overflow before the check.
            if (shape[i] > FileInput.MAX_ARRAY || (count *= shape[i]) > FileInput.MAX_ARRAY) {
                throw new MalformedFileException(file, what + " has shape " + Arrays.toString(shape)
                        + ", more elements than a tensor holds (at most " + FileInput.MAX_ARRAY + ")");
            }
            dims[i] = (int) shape[i];
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new MalformedFileException(file, what + " has data offsets [" + begin + ", " + end
                    + "); expected begin <= end");
        }
        if (end > dataSize) {
            throw new MalformedFileException(file, what + " data offsets [" + begin + ", " + end
                    + ") exceed the data section of " + dataSize + " bytes");
        }
        long bytes = count * type.byteSize();
        if (end - begin != bytes) {
            throw new MalformedFileException(file, what + " has shape " + Arrays.toString(shape) + " of "
                    + dtype.textValue() + ", which needs " + bytes + " bytes, but its data offsets ["
                    + begin + ", " + end + ") span " + (end - begin));
        }
        return new Entry(name, type, dims, begin, end);
    }

    /** A JSON array of non-negative integers ({@code length} of them unless it is -1). */
    private static long[] naturals(Path file, String what, JsonNode node, int length)
            throws MalformedFileException {
        String expected = "; expected " + (length < 0 ? "an array" : "an array of " + length)
                + " of non-negative integers";
        if (!(node instanceof ArrayNode array) || (length >= 0 && array.size() != length)) {
            throw new MalformedFileException(file, what + " is " + node + expected);
        }
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new MalformedFileException(file, what + " is " + node + expected);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** The tensors, sorted by offset, must tile [0, dataSize) exactly (as the reference checks). */
    private static void checkLayout(Path file, List<Entry> entries, long dataSize) throws MalformedFileException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() != at) {
                throw new MalformedFileException(file, "tensor '" + e.name() + "' starts at byte " + e.begin()
                        + " of the data section, but " + (previous == null ? "the data section starts at 0"
                        : "tensor '" + previous + "' ends at " + at)
                        + (e.begin() > at ? " (a gap)" : " (an overlap)")
                        + "; expected the tensors to follow one another");
            }
            at = e.end();
            previous = e.name();
        }
        if (at != dataSize) {
            throw new MalformedFileException(file, "the tensors cover " + at
                    + " bytes, but the data section has " + dataSize + " (truncated or trailing data?)");
        }
    }
}
