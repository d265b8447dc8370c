/**
 * <b>SPI</b>, and the kernel selection of the user API.
 *
 * <p>For users: {@link io.densekit.kernel.Kernels} ({@code best()}, {@code byName}, {@code open},
 * {@code list()}) picks a {@link io.densekit.kernel.Kernel}, which a model is built on; the
 * operation parameters ({@link io.densekit.kernel.Activation}, {@link io.densekit.kernel.LossKind},
 * {@link io.densekit.kernel.SgdParams}, {@link io.densekit.kernel.AdamParams}) and
 * {@link io.densekit.kernel.KernelUnavailableException} appear in the user API too.
 *
 * <p>For kernel implementers (the SPI): {@link io.densekit.kernel.Kernel} and its base classes
 * {@link io.densekit.kernel.AbstractKernel} and {@link io.densekit.kernel.HostKernel},
 * {@link io.densekit.kernel.KernelChecks} (the argument checks every kernel makes alike),
 * {@link io.densekit.kernel.PendingLoss} and {@link io.densekit.kernel.StepRecorder}, and
 * {@link io.densekit.kernel.KernelProvider} with {@link io.densekit.kernel.Availability}, which a
 * kernel module registers ({@code provides} in its module-info, and a {@code META-INF/services}
 * file for the class path).
 */
package io.densekit.kernel;
