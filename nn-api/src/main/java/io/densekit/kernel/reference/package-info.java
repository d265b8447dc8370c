/**
 * <b>SPI.</b> The reference kernel, the oracle every kernel is checked against (plain loops,
 * float64 accumulation). Users reach it as {@code Kernels.byName("reference")}; kernel
 * implementers and their tests use it directly.
 */
package io.densekit.kernel.reference;
