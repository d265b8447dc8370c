package io.densekit.bench.infer;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.densekit.io.onnx.Onnx;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX Runtime (Java, CPU execution provider) as an inference peer: the model is written with
 * {@link Onnx#write}, the very file a user would ship, and opened in one {@link OrtSession} that
 * every calling thread shares ({@code OrtSession.run} may be called from any thread). Each call does
 * what an embedding service does: wrap the input rows in an {@link OnnxTensor}, run, and copy the
 * output into a Java array. The session runs at its best on this machine: every graph optimisation
 * on, intra-op threads = the machine's cores (ORT's own default pool), no inter-op pool.
 */
public final class OrtPeer implements InferencePeer {
    private final int intraOpThreads;

    private final String name;

    /** ONNX Runtime with {@code intraOpThreads} threads, named "onnxruntime". */
    public OrtPeer(int intraOpThreads) {
        this(intraOpThreads, InferenceBench.REFERENCE_PEER);
    }

    /** As above, under {@code name} (for several configurations in one run, e.g. "onnxruntime-t1"). */
    public OrtPeer(int intraOpThreads, String name) {
        this.intraOpThreads = intraOpThreads;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    /** The version and configuration, printed beside the figures. */
    public String describe() {
        try {
            return "ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + " (Java, CPU EP, "
                    + intraOpThreads + " intra-op threads, all graph optimisations)";
        } catch (RuntimeException | LinkageError e) {
            return "ONNX Runtime (unavailable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String unavailableReason() {
        try {
            OrtEnvironment.getEnvironment();
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "ONNX Runtime cannot start here: " + e;
        }
    }

    @Override
    public Session open(ModelSpec spec, Sequential model) {
        try {
            Path file = Files.createTempFile("densekit-bench-", ".onnx");
            try {
                Onnx.write(model, file);
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setIntraOpNumThreads(intraOpThreads);
                OrtSession session = env.createSession(file.toString(), options);
                return new OrtPeerSession(env, session, options, model.dtype());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the model: " + e.getMessage(), e);
        }
    }

    private record OrtPeerSession(OrtEnvironment env, OrtSession session, OrtSession.SessionOptions options,
                                  DType dtype) implements Session {
        @Override
        public Caller caller() {
            String input = session.getInputNames().iterator().next();
            return x -> run(input, x);
        }

        private void run(String input, HostTensor x) {
            long[] shape = {x.rows(), x.cols()};
            try (OnnxTensor t = dtype == DType.F32
                    ? OnnxTensor.createTensor(env, FloatBuffer.wrap(x.floatArrayForReading(), x.offset(), (int) x.size()), shape)
                    : OnnxTensor.createTensor(env, DoubleBuffer.wrap(x.doubleArrayForReading(), x.offset(), (int) x.size()), shape);
                 OrtSession.Result r = session.run(Map.of(input, t))) {
                OnnxTensor out = (OnnxTensor) r.get(0);
                // The outputs copied into the Java heap (the buffers are copies), as densekit's predict returns them.
                if (dtype == DType.F32) {
                    out.getFloatBuffer();
                } else {
                    out.getDoubleBuffer();
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to close its session: " + e.getMessage(), e);
            }
            options.close();
        }
    }
}
