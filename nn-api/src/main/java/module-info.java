/**
 * densekit's library: the user API (models, training, file formats, data, tensors and the choice
 * of kernel) and the kernel SPI (what a kernel module implements), plus the reference kernel.
 * Every other package is internal and not exported. See docs/architecture.md, "User API vs SPI
 * vs internal".
 */
module io.densekit.api {
    requires com.fasterxml.jackson.databind;

    // User API
    exports io.densekit.tensor;
    exports io.densekit.nn;
    exports io.densekit.optim;
    exports io.densekit.train;
    exports io.densekit.io;
    exports io.densekit.io.onnx;
    exports io.densekit.data;

    // Kernel SPI (with the kernel selection users call: Kernels), and the reference kernel, the oracle
    exports io.densekit.kernel;
    exports io.densekit.kernel.reference;

    uses io.densekit.kernel.KernelProvider;
    provides io.densekit.kernel.KernelProvider with io.densekit.kernel.reference.ReferenceKernelProvider;
}
