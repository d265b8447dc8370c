package io.densekit.kernel.cuda;

import io.densekit.kernel.Availability;
import io.densekit.kernel.cuda.driver.DeviceInfo;
import io.densekit.kernel.cuda.driver.DriverProbe;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.cublas.Cublas;

/**
 * The availability check, in the order that keeps each step safe: the driver library is found
 * first (native's discovery, with the places searched), then cuBLAS is found and bound, and only
 * then is JCuda's binding loaded and the driver asked for the GPU. Never throws.
 *
 * @param availability the verdict and its reason
 * @param device       the GPU when available
 * @param cublas       the bound cuBLAS when available
 */
record CudaSetup(Availability availability, DeviceInfo device, Cublas cublas, CudaConfig config) {

    static CudaSetup check(NativeLibraries libraries, CudaConfig config) {
        try {
            LibraryLookupResult driver = libraries.lookup(CudaDriverLibrary.SPEC);
            if (!driver.found()) {
                return no("no NVIDIA driver: " + driver.reason(), config);
            }
            LibraryLookupResult cublasLib = libraries.cublas();
            if (!cublasLib.found()) {
                return no(cublasLib.reason(), config);
            }
            Cublas cublas = Cublas.bind(cublasLib);
            DriverProbe.Result probe = DriverProbe.probe(config.device());
            if (!probe.ok()) {
                return no(probe.problem(), config);
            }
            return new CudaSetup(Availability.yes(), probe.device(), cublas, config);
        } catch (RuntimeException | LinkageError e) {
            return no("cuda availability check failed: " + e, config);
        }
    }

    static CudaSetup no(String reason, CudaConfig config) {
        return new CudaSetup(Availability.no(reason), null, null, config);
    }
}
