package io.densekit.bench.infer;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;

/** A densekit kernel as an inference peer: {@code Sequential.predict} on a model holding the given weights. */
public final class KernelPeer implements InferencePeer {
    private final KernelRegistry registry;
    private final KernelRegistry.Info info;
    private Kernel kernel;

    public KernelPeer(KernelRegistry registry, KernelRegistry.Info info) {
        this.registry = registry;
        this.info = info;
    }

    @Override
    public String name() {
        return info.name();
    }

    @Override
    public String unavailableReason() {
        return info.available() ? null : info.availability().reason();
    }

    /** The kernel, started on first use (a kernel that fails to start throws here, with its reason). */
    Kernel kernel() {
        if (kernel == null) {
            kernel = registry.byName(info.name());
        }
        return kernel;
    }

    /** Whether the kernel computes in {@code dtype}. */
    public boolean supports(DType dtype) {
        return kernel().dtypes().contains(dtype);
    }

    @Override
    public Session open(ModelSpec spec, Sequential model) {
        return new KernelSession(kernel(), spec, model);
    }

    /**
     * The source's weights in one model on this kernel, shared by every calling thread: that is what
     * a service does, and {@code Sequential.predict} may be called from any number of threads.
     */
    private static final class KernelSession implements Session {
        private final Sequential model;

        KernelSession(Kernel kernel, ModelSpec spec, Sequential source) {
            this.model = Sequential.of(spec, kernel, source.dtype(), 0);
            model.state().load(source.state().export());
        }

        @Override
        public Caller caller() {
            return model::predict;
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
