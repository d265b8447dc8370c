package io.densekit.nativelib;

import java.util.List;
import java.util.Objects;

/**
 * What to look for: a library's file names in order of preference, the symbols a candidate must
 * export to count, the explicit-path overrides, and the search steps that apply.
 *
 * @param name            short name used in messages, e.g. "libcublas"
 * @param fileNames       sonames tried in this order, e.g. libcublas.so.13 before libcublas.so.12
 * @param requiredSymbols a candidate lacking any of these is rejected (a BLAS without CBLAS, say)
 * @param companions      libraries loaded first from the same folder when present, so that a
 *                        library outside the loader path finds its dependencies (libcublasLt)
 * @param property        system property holding an explicit file or folder
 * @param envVar          environment variable holding an explicit file or folder
 * @param steps           where to look, in order
 */
public record LibrarySpec(String name, List<String> fileNames, List<String> requiredSymbols,
                          List<String> companions, String property, String envVar, List<SearchStep> steps) {

    public LibrarySpec {
        Objects.requireNonNull(name, "name");
        fileNames = List.copyOf(fileNames);
        requiredSymbols = List.copyOf(requiredSymbols);
        companions = List.copyOf(companions);
        steps = List.copyOf(steps);
        if (fileNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one file name is needed");
        }
    }

    /**
     * A CBLAS implementation: OpenBLAS, a standalone libcblas (ATLAS), MKL's single dynamic library,
     * BLIS, or a libblas that carries the CBLAS symbols (Debian's OpenBLAS alternative does).
     */
    public static final LibrarySpec CBLAS = new LibrarySpec("cblas",
            List.of("libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libcblas.so", "libmkl_rt.so.2",
                    "libmkl_rt.so", "libblis.so.4", "libblas.so.3"),
            List.of("cblas_sgemm", "cblas_dgemm"),
            List.of(),
            "densekit.cblas.path", "DENSEKIT_CBLAS_PATH",
            List.of(SearchStep.EXPLICIT, SearchStep.SYSTEM_LOADER, SearchStep.CONDA_LIB));

    /** NVIDIA's cuBLAS, newest soname first; its _v2 API is what the binding uses. */
    public static final LibrarySpec CUBLAS = new LibrarySpec("libcublas",
            List.of("libcublas.so.13", "libcublas.so.12", "libcublas.so.11", "libcublas.so"),
            List.of("cublasCreate_v2"),
            List.of("libcublasLt.so.13", "libcublasLt.so.12", "libcublasLt.so.11"),
            "densekit.cublas.path", "DENSEKIT_CUBLAS_PATH",
            List.of(SearchStep.EXPLICIT, SearchStep.SYSTEM_LOADER, SearchStep.CUDA_HOME, SearchStep.CUDA_INSTALLS,
                    SearchStep.PYTHON_NVIDIA_WHEELS, SearchStep.CONDA_LIB));
}
