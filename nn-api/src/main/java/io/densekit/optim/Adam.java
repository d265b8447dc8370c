package io.densekit.optim;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.Kernel;
import io.densekit.nn.Parameter;
import io.densekit.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Adam exactly as {@code torch.optim.Adam} with amsgrad off; the step counter is per parameter, as there. */
public final class Adam implements Optimizer {
    private final Kernel kernel;
    private final AdamParams params;
    private final Map<Parameter, State> states = new IdentityHashMap<>();

    private static final class State {
        final Tensor m;
        final Tensor v;
        long step;

        State(Tensor m, Tensor v) {
            this.m = m;
            this.v = v;
        }
    }

    public Adam(Kernel kernel, AdamParams params) {
        this.kernel = kernel;
        this.params = params;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            State s = states.computeIfAbsent(p, k -> new State(
                    kernel.allocate(p.value().dtype(), p.value().shape()),
                    kernel.allocate(p.value().dtype(), p.value().shape())));
            s.step++;
            kernel.adamUpdate(p.value(), p.grad(), s.m, s.v, params, s.step);
        }
    }

    @Override
    public String describe() {
        return "adam(lr=" + params.lr() + ", betas=(" + params.beta1() + ", " + params.beta2() + "), eps="
                + params.eps() + ", weight_decay=" + params.weightDecay() + ")";
    }

    @Override
    public void close() {
        states.values().forEach(s -> {
            s.m.close();
            s.v.close();
        });
        states.clear();
    }
}
