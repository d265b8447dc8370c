package io.densekit.kernel.cuda;

import io.densekit.nativelib.LibrarySpec;
import io.densekit.nativelib.SearchStep;
import java.util.List;

/**
 * The NVIDIA driver's library, looked for with native's discovery before JCuda is touched: JCuda's
 * binding links against libcuda.so.1, so without it JCuda cannot even load. The driver lives on
 * the loader path of a machine with a GPU (the CUDA toolkit ships only a stub, which is not looked
 * for), so the search is the explicit path and the system loader.
 */
final class CudaDriverLibrary {
    static final LibrarySpec SPEC = new LibrarySpec("libcuda",
            List.of("libcuda.so.1", "libcuda.so"),
            List.of("cuInit", "cuDriverGetVersion"),
            List.of(),
            "densekit.cuda.driver.path", "DENSEKIT_CUDA_DRIVER_PATH",
            List.of(SearchStep.EXPLICIT, SearchStep.SYSTEM_LOADER));

    private CudaDriverLibrary() {
    }
}
