package io.densekit.kernel.blas;

import io.densekit.kernel.Availability;
import io.densekit.kernel.HostKernel;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The kernel the blas kernel hands every non-GEMM operation to: the available host kernel of
 * highest priority among the kernel providers on the class path, blas itself excepted. With
 * densekit's own kernels that is the simd kernel where the Vector API module is loaded, else the
 * reference kernel. Both pass the conformance suite, but they round differently, so the choice
 * is never silent: {@link #description()} names it, with why the ones above it were passed over,
 * and the blas kernel's {@code details()} (the line {@code densekit kernels} prints) carries it.
 *
 * <p>Found through discovery, not a compile dependency, so kernels-blas runs without the Vector
 * API. Only providers of device "cpu" are considered, so asking for the delegate never starts a
 * GPU; the chosen provider's kernel must be a {@link HostKernel}, whose tensors are the
 * {@link io.densekit.tensor.HostTensor}s BLAS works on.
 */
record HostDelegate(KernelProvider provider, String description) {

    /** The providers registered with {@link ServiceLoader}; one that fails to load is left out. */
    static List<KernelProvider> discovered() {
        List<KernelProvider> found = new ArrayList<>();
        ServiceLoader.load(KernelProvider.class, HostDelegate.class.getClassLoader()).stream().forEach(h -> {
            try {
                found.add(h.get());
            } catch (Throwable t) {
                // Not a candidate; Kernels.registry() logs the failure when it loads the same provider.
            }
        });
        return found;
    }

    /** A delegate chosen among {@code providers}, or why there is none. */
    record Choice(HostDelegate delegate, Availability availability) {
    }

    /** The available cpu provider of highest priority (then by name), never blas itself. */
    static Choice choose(List<KernelProvider> providers) {
        List<KernelProvider> candidates = providers.stream()
                .filter(p -> "cpu".equals(p.device()) && !BlasKernel.NAME.equals(p.name()))
                .sorted(Comparator.comparingInt(KernelProvider::priority).reversed()
                        .thenComparing(KernelProvider::name))
                .toList();
        List<String> passedOver = new ArrayList<>();
        for (KernelProvider p : candidates) {
            Availability a = availabilityOf(p);
            if (a.available()) {
                String why = passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")";
                return new Choice(new HostDelegate(p, p.name() + " kernel" + why), Availability.yes());
            }
            passedOver.add(p.name() + " unavailable: " + a.reason());
        }
        return new Choice(null, Availability.no("its non-GEMM operations need a host kernel, and none is available"
                + (passedOver.isEmpty() ? " on the class path" : ": " + String.join("; ", passedOver))));
    }

    private static Availability availabilityOf(KernelProvider p) {
        try {
            Availability a = p.availability();
            return a == null ? Availability.no("availability check returned nothing") : a;
        } catch (Throwable t) {
            return Availability.no("availability check failed: " + t);
        }
    }

    /** A new instance of the delegate, owned by the blas kernel that asked for it. */
    Kernel create() {
        Kernel k = provider.create();
        if (!(k instanceof HostKernel)) {
            k.close();
            throw new IllegalStateException("the " + provider.name() + " kernel keeps its tensors outside the Java"
                    + " heap, so it cannot take the blas kernel's non-GEMM operations");
        }
        return k;
    }
}
