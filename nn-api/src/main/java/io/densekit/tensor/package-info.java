/**
 * <b>User API.</b> Tensors: {@link io.densekit.tensor.HostTensor} (Java arrays, what users build
 * and read), {@link io.densekit.tensor.Tensor} (a matrix in a kernel's memory),
 * {@link io.densekit.tensor.DType} and the shape errors. Kernel implementers use
 * {@link io.densekit.tensor.Shapes} for their argument checks.
 */
package io.densekit.tensor;
