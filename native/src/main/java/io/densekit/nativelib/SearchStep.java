package io.densekit.nativelib;

/**
 * The places a library is looked for, in the order they are tried. A {@link LibrarySpec} names the
 * steps that make sense for its library (cuBLAS lives in CUDA installs and NVIDIA's pip wheels,
 * CBLAS on the system loader path and in conda environments).
 */
public enum SearchStep {
    /** The spec's system property, else its environment variable: a library file or a folder. */
    EXPLICIT,
    /** The dynamic loader's own search ({@code LD_LIBRARY_PATH}, the ld.so cache, default folders). */
    SYSTEM_LOADER,
    /** {@code $CUDA_HOME} and {@code $CUDA_PATH}: their {@code lib64}, {@code lib} and {@code targets/x86_64-linux/lib}. */
    CUDA_HOME,
    /** {@code /usr/local/cuda/lib64}, then {@code /usr/local/cuda-*}/lib64 newest first, then {@code /opt/cuda/lib64}. */
    CUDA_INSTALLS,
    /** {@code nvidia/*}/lib of every Python site-packages folder found (NVIDIA's pip wheels, where PyTorch's cuBLAS lives). */
    PYTHON_NVIDIA_WHEELS,
    /** {@code $CONDA_PREFIX/lib} (conda's OpenBLAS, MKL and CUDA packages). */
    CONDA_LIB
}
