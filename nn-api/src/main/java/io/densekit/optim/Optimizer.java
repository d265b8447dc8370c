package io.densekit.optim;

import io.densekit.nn.Parameter;
import java.util.List;

/** Updates parameters from their gradients; keeps its state (momentum, moments) in kernel memory. */
public interface Optimizer extends AutoCloseable {

    /** One update of every parameter from its current gradient. */
    void step(List<Parameter> parameters);

    /** "sgd(lr=0.01, momentum=0.9)" and the like. */
    String describe();

    /** Releases optimizer state. */
    @Override
    void close();
}
