package io.densekit.onnxruntime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs an ONNX model's bytes in ONNX Runtime (CPU, one thread) on a {@code [n, features]} input
 * and returns the first output. Where ONNX Runtime's native library cannot load on this platform,
 * the calling test is skipped with the reason (the jar ships Linux, macOS and Windows builds).
 */
public final class OrtRunner {
    private OrtRunner() {
    }

    public static HostTensor run(byte[] model, HostTensor x) throws OrtException {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            // Its warning about initializers listed as graph inputs (older exporters' files) is expected.
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor input = tensor(env, x);
                 OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                long[] shape = out.getInfo().getShape();
                int rows = Math.toIntExact(shape[0]);
                int cols = Math.toIntExact(shape[1]);
                if (x.dtype() == DType.F32) {
                    float[] v = new float[rows * cols];
                    out.getFloatBuffer().get(v);
                    return HostTensor.wrap(v, rows, cols);
                }
                double[] v = new double[rows * cols];
                out.getDoubleBuffer().get(v);
                return HostTensor.wrap(v, rows, cols);
            }
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, HostTensor x) throws OrtException {
        HostTensor c = x.copy();
        long[] shape = {c.rows(), c.cols()};
        return c.dtype() == DType.F32 ? OnnxTensor.createTensor(env, FloatBuffer.wrap(c.floatArray()), shape)
                : OnnxTensor.createTensor(env, DoubleBuffer.wrap(c.doubleArray()), shape);
    }

    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            assumeTrue(false, "ONNX Runtime's native library does not load here: " + e);
            throw new AssertionError(e);
        }
    }
}
