package io.densekit.io.onnx;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns a constant {@link TensorProto} into a {@link HostTensor}: float32 or float64, rank 1 or 2,
 * the data in {@code raw_data} (little-endian) or {@code float_data} / {@code double_data}. The
 * element count is checked against the data the file holds before the tensor is allocated.
 */
final class TensorData {
    private TensorData() {
    }

    /** The tensor's dtype, or a refusal naming {@code what} and its ONNX data type. */
    static DType dtype(TensorProto t, String what) {
        return switch (t.dataType()) {
            case TensorProto.FLOAT -> DType.F32;
            case TensorProto.DOUBLE -> DType.F64;
            default -> throw new OnnxFormatException(what + " has data type " + TensorProto.typeName(t.dataType())
                    + "; densekit reads FLOAT (float32) and DOUBLE (float64) weights");
        };
    }

    static HostTensor toHost(TensorProto t, String what) {
        DType dtype = dtype(t, what);
        if (t.external()) {
            throw new OnnxFormatException(what + " keeps its data in an external file; densekit reads"
                    + " self-contained .onnx files (save with onnx.save(model, path, save_as_external_data=False))");
        }
        if (t.segmented()) {
            throw new OnnxFormatException(what + " is one segment of a larger tensor; densekit reads whole tensors");
        }
        long[] dims = t.dims();
        if (dims.length < 1 || dims.length > 2) {
            throw new OnnxFormatException(what + " has shape " + Arrays.toString(dims)
                    + "; densekit reads weights of rank 2 and biases of rank 1 or 2");
        }
        long count = 1;
        for (long d : dims) {
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new OnnxFormatException(what + " has shape " + Arrays.toString(dims) + "; dimensions must be"
                        + " between 0 and " + Integer.MAX_VALUE);
            }
            count *= d; // at most two factors below 2^31: no overflow
        }
        long held = held(t, dtype, what);
        if (held != count) {
            throw new OnnxFormatException(what + " has shape " + Arrays.toString(dims) + " (" + count
                    + " elements) but holds " + held + " " + dtype + " values");
        }
        int[] shape = Arrays.stream(dims).mapToInt(d -> (int) d).toArray();
        HostTensor out = HostTensor.zeros(dtype, shape);
        if (t.rawData() != null) {
            ByteBuffer raw = t.rawData().duplicate().order(t.rawData().order());
            if (dtype == DType.F32) {
                raw.asFloatBuffer().get(out.floatArray(), 0, (int) count);
            } else {
                raw.asDoubleBuffer().get(out.doubleArray(), 0, (int) count);
            }
        } else if (dtype == DType.F32 && count > 0) {
            System.arraycopy(t.floatData().floats(), 0, out.floatArray(), 0, (int) count);
        } else if (count > 0) {
            System.arraycopy(t.doubleData().doubles(), 0, out.doubleArray(), 0, (int) count);
        }
        return out;
    }

    /** How many values of {@code dtype} the tensor's data holds. */
    private static long held(TensorProto t, DType dtype, String what) {
        if (t.rawData() != null) {
            int bytes = t.rawData().remaining();
            if (bytes % dtype.byteSize() != 0) {
                throw new OnnxFormatException(what + " has " + bytes + " bytes of raw_data, not a multiple of the "
                        + dtype.byteSize() + " bytes of a " + dtype + " value");
            }
            return bytes / dtype.byteSize();
        }
        RepeatedNumbers typed = dtype == DType.F32 ? t.floatData() : t.doubleData();
        return typed == null ? 0 : typed.size();
    }
}
