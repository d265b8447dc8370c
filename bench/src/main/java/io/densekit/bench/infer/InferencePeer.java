package io.densekit.bench.infer;

import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.HostTensor;

/**
 * Something that runs a model's forward pass, timed beside the others in {@code densekit bench
 * infer}: a densekit kernel ({@link KernelPeer}) or an external runtime. A peer for ONNX Runtime
 * would write {@code model} with {@code Onnx.write}, open that file in an {@code OrtSession}, and
 * predict through it, so that every contender runs the same weights.
 */
public interface InferencePeer {

    /** The name in the tables, e.g. "simd" or "onnxruntime". */
    String name();

    /** Why this peer cannot run here, or null when it can. Never throws. */
    String unavailableReason();

    /**
     * Readies {@code model}, built from {@code spec}, for predictions in its dtype with its weights; the
     * caller closes the session.
     */
    Session open(ModelSpec spec, Sequential model);

    /** A model ready to predict, shared by every calling thread. */
    interface Session extends AutoCloseable {

        /** A handle for one calling thread; the harness makes one per thread and calls it from that thread only. */
        Caller caller();

        @Override
        void close();
    }

    /** One calling thread's way into a session. */
    interface Caller {

        /** The model's outputs for the rows of {@code x}, computed completely before returning. */
        void predict(HostTensor x);
    }
}
