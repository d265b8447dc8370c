package io.densekit.optim;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.SgdParams;
import io.densekit.nn.Parameter;
import io.densekit.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Stochastic gradient descent exactly as {@code torch.optim.SGD} (weight decay applies to biases too). */
public final class Sgd implements Optimizer {
    private final Kernel kernel;
    private final SgdParams params;
    private final Map<Parameter, Tensor> momentum = new IdentityHashMap<>();
    // Reused per step, so a step allocates nothing.
    private Tensor[] values = new Tensor[0];
    private Tensor[] grads = new Tensor[0];
    private Tensor[] buffers = new Tensor[0];
    private boolean[] fresh = new boolean[0];

    public Sgd(Kernel kernel, SgdParams params) {
        this.kernel = kernel;
        this.params = params;
    }

    public SgdParams params() {
        return params;
    }

    @Override
    public void step(List<Parameter> parameters) {
        int n = parameters.size();
        if (values.length < n) {
            values = new Tensor[n];
            grads = new Tensor[n];
            buffers = new Tensor[n];
            fresh = new boolean[n];
        }
        int created = 0;
        for (int i = 0; i < n; i++) {
            Parameter p = parameters.get(i);
            values[i] = p.value();
            grads[i] = p.grad();
            fresh[i] = false;
            if (params.hasMomentum()) {
                Tensor buffer = momentum.get(p);
                if (buffer == null) {
                    buffer = kernel.allocate(p.value().dtype(), p.value().shape());
                    momentum.put(p, buffer);
                    fresh[i] = true;
                    created++;
                }
                buffers[i] = buffer;
            }
        }
        if (created == 0 || created == n) { // the usual case: one call, one launch on a device kernel
            kernel.sgdUpdateAll(n, values, grads, params.hasMomentum() ? buffers : null, params, created > 0);
        } else {
            for (int i = 0; i < n; i++) {
                kernel.sgdUpdate(values[i], grads[i], buffers[i], params, fresh[i]);
            }
        }
    }

    @Override
    public String describe() {
        return "sgd(lr=" + params.lr() + ", momentum=" + params.momentum() + ", dampening=" + params.dampening()
                + ", nesterov=" + params.nesterov() + ", weight_decay=" + params.weightDecay() + ")";
    }

    @Override
    public void close() {
        momentum.values().forEach(Tensor::close);
        momentum.clear();
    }
}
