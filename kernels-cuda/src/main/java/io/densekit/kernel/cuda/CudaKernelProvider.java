package io.densekit.kernel.cuda;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.tensor.DType;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registers the GPU kernel ("cuda", priority 200). Constructing it touches nothing native; the
 * first {@link #availability()} or {@link #create()} searches for the driver and cuBLAS, loads
 * JCuda's binding only when the driver is there, and remembers the outcome.
 */
public final class CudaKernelProvider implements KernelProvider {
    private final Supplier<NativeLibraries> libraries;
    private final Supplier<CudaConfig> config;
    private volatile CudaSetup setup;

    public CudaKernelProvider() {
        this(NativeLibraries::system, CudaConfig::fromSystem);
    }

    /** With given libraries and settings (tests); both are asked for lazily. */
    CudaKernelProvider(Supplier<NativeLibraries> libraries, Supplier<CudaConfig> config) {
        this.libraries = libraries;
        this.config = config;
    }

    @Override
    public String name() {
        return CudaKernel.NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.of(DType.F32, DType.F64);
    }

    @Override
    public String device() {
        return "cuda";
    }

    @Override
    public Availability availability() {
        return setup().availability();
    }

    @Override
    public Kernel create() {
        CudaSetup s = setup();
        if (!s.availability().available()) {
            throw new IllegalStateException("cuda kernel is unavailable: " + s.availability().reason());
        }
        return CudaKernel.open(s);
    }

    private CudaSetup setup() {
        CudaSetup s = setup;
        if (s == null) {
            synchronized (this) {
                if (setup == null) {
                    setup = check();
                }
                s = setup;
            }
        }
        return s;
    }

    private CudaSetup check() {
        CudaConfig c;
        try {
            c = config.get();
        } catch (RuntimeException e) {
            return CudaSetup.no("invalid cuda settings: " + e.getMessage(), new CudaConfig(0, false));
        }
        try {
            return CudaSetup.check(libraries.get(), c);
        } catch (RuntimeException | LinkageError e) {
            return CudaSetup.no("cuda availability check failed: " + e, c);
        }
    }
}
