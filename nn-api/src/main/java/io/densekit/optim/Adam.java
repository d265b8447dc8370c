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
    // Reused per step, so a step allocates nothing.
    private Tensor[] values = new Tensor[0];
    private Tensor[] grads = new Tensor[0];
    private Tensor[] ms = new Tensor[0];
    private Tensor[] vs = new Tensor[0];
    private long[] steps = new long[0];

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
        int n = parameters.size();
        if (values.length < n) {
            values = new Tensor[n];
            grads = new Tensor[n];
            ms = new Tensor[n];
            vs = new Tensor[n];
            steps = new long[n];
        }
        boolean sameStep = true;
        for (int i = 0; i < n; i++) {
            Parameter p = parameters.get(i);
            State s = states.get(p);
            if (s == null) {
                s = new State(kernel.allocate(p.value().dtype(), p.value().shape()),
                        kernel.allocate(p.value().dtype(), p.value().shape()));
                states.put(p, s);
            }
            s.step++;
            values[i] = p.value();
            grads[i] = p.grad();
            ms[i] = s.m;
            vs[i] = s.v;
            steps[i] = s.step;
            sameStep &= s.step == steps[0];
        }
        if (sameStep && n > 0) { // the usual case: one call, one launch on a device kernel
            kernel.adamUpdateAll(n, values, grads, ms, vs, params, steps[0]);
        } else {
            for (int i = 0; i < n; i++) {
                kernel.adamUpdate(values[i], grads[i], ms[i], vs[i], params, steps[i]);
            }
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
