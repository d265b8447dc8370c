/**
 * <b>User API.</b> Models: {@link io.densekit.nn.Sequential} (built from a
 * {@link io.densekit.nn.ModelSpec} or its builder, saved and loaded as safetensors, safe to call
 * for inference from many threads), its layers and parameters, {@link io.densekit.nn.StateDict}
 * and {@link io.densekit.nn.Targets}.
 */
package io.densekit.nn;
