package io.densekit.spark.demo;

import io.densekit.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** A SHA-256 of a model's weights, bit for bit (names in order, then every value's bits). */
final class WeightsHash {
    private WeightsHash() {
    }

    static String of(Map<String, HostTensor> weights) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        for (Map.Entry<String, HostTensor> e : new TreeMap<>(weights).entrySet()) {
            sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            double[] values = e.getValue().toDoubleArray();
            ByteBuffer bits = ByteBuffer.allocate(Long.BYTES * values.length);
            for (double v : values) {
                bits.putLong(Double.doubleToRawLongBits(v));
            }
            sha.update(bits.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
