package io.densekit.kernel.blas;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.cblas.Cblas;

/**
 * Registers the blas kernel: available where a CBLAS library is found (see
 * {@link io.densekit.nativelib.LibrarySpec#CBLAS}), with the search's reason otherwise. The library
 * is searched for and bound on the first {@link #availability()} or {@link #create()}, not before.
 */
public final class BlasKernelProvider implements KernelProvider {
    private final NativeLibraries libraries;
    private volatile Bound bound;

    /** What the first availability check found: the binding, or why there is none. */
    private record Bound(Cblas cblas, Availability availability) {
    }

    public BlasKernelProvider() {
        this(null);
    }

    /** With a given set of libraries (tests); null means {@link NativeLibraries#system()}, resolved lazily. */
    BlasKernelProvider(NativeLibraries libraries) {
        this.libraries = libraries;
    }

    @Override
    public String name() {
        return BlasKernel.NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability availability() {
        Availability host = HostDelegate.availability();
        if (!host.available()) {
            return Availability.no("its non-GEMM operations run on the simd kernel, which is unavailable: "
                    + host.reason());
        }
        return bind().availability();
    }

    @Override
    public Kernel create() {
        Bound b = bind();
        Availability a = availability();
        if (b.cblas() == null || !a.available()) {
            throw new IllegalStateException("blas kernel is unavailable: " + a.reason());
        }
        return new BlasKernel(b.cblas(), HostDelegate.create());
    }

    private Bound bind() {
        Bound b = bound;
        if (b == null) {
            synchronized (this) {
                if (bound == null) {
                    bound = search();
                }
                b = bound;
            }
        }
        return b;
    }

    private Bound search() {
        try {
            LibraryLookupResult lib = (libraries != null ? libraries : NativeLibraries.system()).cblas();
            if (!lib.found()) {
                return new Bound(null, Availability.no(lib.reason()));
            }
            return new Bound(Cblas.bind(lib), Availability.yes());
        } catch (RuntimeException | LinkageError e) {
            return new Bound(null, Availability.no("CBLAS binding failed: " + e.getMessage()));
        }
    }
}
