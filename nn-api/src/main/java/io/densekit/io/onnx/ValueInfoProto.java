package io.densekit.io.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * A graph input or output: its name, and when it is a tensor, its element type and shape. A
 * dimension is a fixed size or a symbolic name such as "batch" ({@link Dim#size} is -1 then);
 * {@code shape} is null when the file declares none.
 */
record ValueInfoProto(String name, boolean isTensor, int elemType, List<Dim> shape) {

    record Dim(long size, String param) {
        @Override
        public String toString() {
            return size >= 0 ? Long.toString(size) : param.isEmpty() ? "?" : param;
        }
    }

    static ValueInfoProto decode(WireReader r) {
        String name = "";
        boolean tensor = false;
        int elemType = 0;
        List<Dim> shape = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> name = r.string("name");
                case 2 -> {
                    WireReader type = r.message("type");
                    while (type.next()) {
                        if (type.field() == 1) { // TypeProto.tensor_type; the other kinds leave tensor false
                            tensor = true;
                            WireReader t = type.message("tensor_type");
                            while (t.next()) {
                                switch (t.field()) {
                                    case 1 -> elemType = t.int32("elem_type");
                                    case 2 -> shape = shape(t.message("shape"));
                                    default -> t.skip();
                                }
                            }
                        } else {
                            type.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new ValueInfoProto(name, tensor, elemType, shape == null ? null : List.copyOf(shape));
    }

    private static List<Dim> shape(WireReader r) {
        List<Dim> dims = new ArrayList<>();
        while (r.next()) {
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            WireReader d = r.message("dim");
            long size = -1;
            String param = "";
            while (d.next()) {
                switch (d.field()) {
                    case 1 -> size = d.int64("dim_value");
                    case 2 -> param = d.string("dim_param");
                    default -> d.skip();
                }
            }
            dims.add(new Dim(size < 0 ? -1 : size, param));
        }
        return dims;
    }

    /** E.g. "[batch, 6]", or "no shape". */
    String shapeString() {
        return shape == null ? "no shape" : shape.toString();
    }
}
