package io.densekit.io.onnx;

import java.util.ArrayList;
import java.util.List;

/** The fields of ONNX's {@code ModelProto} that densekit reads: the IR version, opset imports, producer, graph. */
record ModelProto(long irVersion, List<OpsetId> opsets, String producerName, String producerVersion, GraphProto graph) {

    /** An {@code OperatorSetIdProto}: the default domain is "" (or "ai.onnx"). */
    record OpsetId(String domain, long version) {
    }

    /** Decodes a whole file's bytes. */
    static ModelProto decode(byte[] bytes) {
        WireReader r = new WireReader(bytes, 0, bytes.length, "ModelProto");
        long ir = 0;
        List<OpsetId> opsets = new ArrayList<>();
        String producer = "";
        String producerVersion = "";
        GraphProto graph = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> ir = r.int64("ir_version");
                case 2 -> producer = r.string("producer_name");
                case 3 -> producerVersion = r.string("producer_version");
                case 7 -> {
                    if (graph != null) {
                        throw new OnnxFormatException("the model holds two graphs; an ONNX model has one");
                    }
                    graph = GraphProto.decode(r.message("graph"));
                }
                case 8 -> opsets.add(opset(r.message("opset_import")));
                default -> r.skip();
            }
        }
        return new ModelProto(ir, List.copyOf(opsets), producer, producerVersion, graph);
    }

    private static OpsetId opset(WireReader r) {
        String domain = "";
        long version = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> domain = r.string("domain");
                case 2 -> version = r.int64("version");
                default -> r.skip();
            }
        }
        return new OpsetId(domain, version);
    }
}
