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

    public Sgd(Kernel kernel, SgdParams params) {
        this.kernel = kernel;
        this.params = params;
    }

    public SgdParams params() {
        return params;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            Tensor buffer = null;
            boolean first = false;
            if (params.hasMomentum()) {
                buffer = momentum.get(p);
                if (buffer == null) {
                    buffer = kernel.allocate(p.value().dtype(), p.value().shape());
                    momentum.put(p, buffer);
                    first = true;
                }
            }
            kernel.sgdUpdate(p.value(), p.grad(), buffer, params, first);
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
