package io.densekit.io.onnx;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The opsets densekit reads: 13 to 21 of the default ONNX domain, the range PyTorch's exporters
 * target (the dynamo exporter defaults to 18). Each supported op computes the same on float and
 * double across that range (later versions only added types); before 13, Softmax and LogSoftmax
 * flattened their input at the axis and the default axis differed, so older files are refused
 * with their opset rather than read under rules that were checked only for 13 to 21. Other
 * domains may be imported (the dynamo exporter imports its function library's), as long as no
 * node uses them.
 */
final class Opsets {
    static final int MIN = 13;
    static final int MAX = 21;
    static final Set<String> DEFAULT_DOMAINS = Set.of("", "ai.onnx");

    private Opsets() {
    }

    /** The version of the default domain the model imports, or a refusal. */
    static long defaultDomain(ModelProto model) {
        List<Long> versions = model.opsets().stream().filter(o -> DEFAULT_DOMAINS.contains(o.domain()))
                .map(ModelProto.OpsetId::version).distinct().toList();
        if (versions.isEmpty()) {
            throw new OnnxFormatException("the model imports no opset of the default ONNX domain"
                    + " (it imports " + model.opsets().stream().map(o -> "'" + o.domain() + "' " + o.version())
                    .collect(Collectors.joining(", ", "[", "]")) + "); densekit reads opsets " + MIN + " to " + MAX);
        }
        if (versions.size() > 1) {
            throw new OnnxFormatException("the model imports the default ONNX domain at opsets " + versions
                    + "; a model imports it once");
        }
        long v = versions.getFirst();
        if (v < MIN || v > MAX) {
            throw new OnnxFormatException("the model uses opset " + v + " of the default ONNX domain; densekit reads"
                    + " opsets " + MIN + " to " + MAX + (v < MIN
                    ? " (export again with opset_version=" + MIN + " or later)" : ""));
        }
        return v;
    }
}
