package io.densekit.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a JSON
 * header of {@code name -> {dtype, shape, data_offsets}} plus optional {@code __metadata__} strings,
 * then the little-endian tensor data.
 *
 * <p>Reads F32 and F64 as they are and widens F16 and BF16 to f32 (exactly); other dtypes, 0-D
 * scalars and tensors of rank above 2 are refused naming the tensor. Writes F32/F64 tensors in the
 * map's order with the header padded by spaces to a multiple of 8 bytes, as the reference does, so
 * PyTorch's {@code safetensors.torch.load_file} reads the result.
 */
public final class SafeTensors {
    /** The reference implementation refuses larger headers too. */
    private static final long MAX_HEADER = 100_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {
    }

    /** Reads every tensor (in file order) and the metadata. */
    public static SafeTensorsFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new MalformedFileException(file, "truncated: the file is " + size + " bytes; a safetensors"
                        + " file starts with an 8-byte little-endian header length");
            }
            long headerLength = FileInput.read(ch, file, 0, 8, "the header length")
                    .order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > size - 8) {
                throw new MalformedFileException(file, "the header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the " + (size - 8) + " bytes after the length field"
                        + " (truncated, or not a safetensors file?)");
            }
            if (headerLength > MAX_HEADER) {
                throw new MalformedFileException(file, "the header length " + headerLength
                        + " is larger than the " + MAX_HEADER + " bytes safetensors allows");
            }
            ByteBuffer json = FileInput.read(ch, file, 8, headerLength, "the header");
            long dataStart = 8 + headerLength;
            SafeTensorsHeader header = SafeTensorsHeader.parse(file, json, size - dataStart);
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries()) {
                tensors.put(e.name(), readTensor(ch, file, dataStart, e));
            }
            return new SafeTensorsFile(tensors, header.metadata());
        }
    }

    private static HostTensor readTensor(FileChannel ch, Path file, long dataStart, SafeTensorsHeader.Entry e)
            throws IOException {
        DType dtype = e.type() == ElementType.FLOAT64 ? DType.F64 : DType.F32;
        HostTensor t = HostTensor.zeros(dtype, e.shape());
        int n = (int) t.size();
        int k = e.type().byteSize();
        int chunkElements = 1 << 13;
        for (int from = 0; from < n; from += chunkElements) {
            int len = Math.min(chunkElements, n - from);
            ByteBuffer b = FileInput.read(ch, file, dataStart + e.begin() + (long) from * k, (long) len * k,
                    "tensor '" + e.name() + "'").order(ByteOrder.LITTLE_ENDIAN);
            switch (e.type()) {
                case FLOAT32 -> b.asFloatBuffer().get(t.floatArray(), from, len);
                case FLOAT64 -> b.asDoubleBuffer().get(t.doubleArray(), from, len);
                default -> {
                    float[] out = t.floatArray();
                    for (int i = 0; i < len; i++) {
                        out[from + i] = (float) e.type().getDouble(b, i * k);
                    }
                }
            }
        }
        return t;
    }

    /**
     * Writes the tensors in the map's order (f32 as F32, f64 as F64) and the metadata (omitted
     * when empty). Names must be non-empty and must not be {@code __metadata__}.
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(SafeTensorsHeader.METADATA);
            metadata.forEach((k, v) -> meta.put(k, Objects.requireNonNull(v,
                    () -> "metadata '" + k + "' is null; safetensors metadata values are strings")));
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            String name = e.getKey();
            if (name.isEmpty() || name.equals(SafeTensorsHeader.METADATA)) {
                throw new IllegalArgumentException("invalid tensor name '" + name
                        + "'; expected a non-empty name other than " + SafeTensorsHeader.METADATA);
            }
            HostTensor t = e.getValue();
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", t.dtype() == DType.F32 ? "F32" : "F64");
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long bytes = t.size() * t.dtype().byteSize();
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padding = (8 - json.length % 8) % 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(json.length + padding).array());
            out.write(json);
            out.write(" ".repeat(padding).getBytes(StandardCharsets.US_ASCII));
            for (HostTensor t : tensors.values()) {
                TensorBytes.write(out, t, ByteOrder.LITTLE_ENDIAN);
            }
        }
    }
}
