/**
 * FFM bindings (CBLAS, cuBLAS) and native library discovery, for densekit's kernel modules. No
 * densekit dependency; touches no native code until a binding is asked for.
 */
module io.densekit.nativelib {
    exports io.densekit.nativelib;
    exports io.densekit.nativelib.cblas;
    exports io.densekit.nativelib.cublas;
}
