/**
 * <b>User API.</b> The optimizers, {@link io.densekit.optim.Sgd} and {@link io.densekit.optim.Adam}
 * (their state in kernel memory), for a training loop of one's own; {@code Trainer.fit} builds them
 * from an {@link io.densekit.train.OptimizerSpec}.
 */
package io.densekit.optim;
