/**
 * <b>User API.</b> Training: {@link io.densekit.train.Trainer#fit}, its
 * {@link io.densekit.train.FitOptions} and {@link io.densekit.train.OptimizerSpec}, the
 * {@link io.densekit.train.History} it returns and the {@link io.densekit.train.TrainingListener}
 * it reports to.
 */
package io.densekit.train;
