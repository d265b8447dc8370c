package io.densekit.io;

import io.densekit.tensor.HostTensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a safetensors file: tensors by name in file order, and the {@code __metadata__}
 * strings. Both maps are unmodifiable and keep their iteration order.
 */
public record SafeTensorsFile(Map<String, HostTensor> tensors, Map<String, String> metadata) {
    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
