package io.densekit.bench.infer;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.nn.ModelSpec;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * The source's weights in models on this kernel.
     *
     * <p>TODO(integration): {@code Sequential.predict} is not yet safe to call from several threads
     * (its layers reuse activation buffers), so each calling thread gets its own copy of the model.
     * Once the pooled, thread-safe predict lands, every caller should share {@code first}.
     */
    private static final class KernelSession implements Session {
        private final Kernel kernel;
        private final ModelSpec spec;
        private final DType dtype;
        private final Map<String, HostTensor> weights;
        private final List<Sequential> models = new ArrayList<>();

        KernelSession(Kernel kernel, ModelSpec spec, Sequential source) {
            this.kernel = kernel;
            this.spec = spec;
            this.dtype = source.dtype();
            this.weights = source.state().export();
        }

        @Override
        public synchronized Caller caller() {
            Sequential m = Sequential.of(spec, dtype, kernel, 0);
            m.state().load(weights);
            models.add(m);
            return m::predict;
        }

        @Override
        public synchronized void close() {
            models.forEach(Sequential::close);
            models.clear();
        }
    }
}
