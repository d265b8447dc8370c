package io.densekit.kernel.blas;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.nativelib.LibraryLookupResult;
import io.densekit.nativelib.NativeLibraries;
import io.densekit.nativelib.cblas.Cblas;
import java.util.List;
import java.util.function.Supplier;

/**
 * Registers the blas kernel: available where a CBLAS library is found (see
 * {@link io.densekit.nativelib.LibrarySpec#CBLAS}), with the search's reason otherwise. The library
 * is searched for and bound, and the host kernel for the non-GEMM operations chosen (see
 * {@link HostDelegate}: simd where the Vector API is loaded, else reference), on the first
 * {@link #availability()} or {@link #create()}, not before.
 */
public final class BlasKernelProvider implements KernelProvider {
    private final NativeLibraries libraries;
    private final Supplier<List<KernelProvider>> hostProviders;
    private volatile Bound bound;

    /** What the first availability check found: the binding and the delegate, or why there are none. */
    private record Bound(Cblas cblas, HostDelegate delegate, Availability availability) {
    }

    public BlasKernelProvider() {
        this(null);
    }

    /** With a given set of libraries (tests); null means {@link NativeLibraries#system()}, resolved lazily. */
    BlasKernelProvider(NativeLibraries libraries) {
        this(libraries, HostDelegate::discovered);
    }

    /** With given libraries and the providers to choose the host delegate from (tests). */
    BlasKernelProvider(NativeLibraries libraries, Supplier<List<KernelProvider>> hostProviders) {
        this.libraries = libraries;
        this.hostProviders = hostProviders;
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
        return bind().availability();
    }

    @Override
    public Kernel create() {
        Bound b = bind();
        if (!b.availability().available()) {
            throw new IllegalStateException("blas kernel is unavailable: " + b.availability().reason());
        }
        return new BlasKernel(b.cblas(), b.delegate().create(), b.delegate().description());
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
        HostDelegate.Choice host = HostDelegate.choose(hostProviders.get());
        if (host.delegate() == null) {
            return new Bound(null, null, host.availability());
        }
        try {
            LibraryLookupResult lib = (libraries != null ? libraries : NativeLibraries.system()).chosenCblas();
            if (!lib.found()) {
                return new Bound(null, null, Availability.no(lib.reason()));
            }
            return new Bound(Cblas.bind(lib), host.delegate(), Availability.yes());
        } catch (RuntimeException | LinkageError e) {
            return new Bound(null, null, Availability.no("CBLAS binding failed: " + e.getMessage()));
        }
    }
}
