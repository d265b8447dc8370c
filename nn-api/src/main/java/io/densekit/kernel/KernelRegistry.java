package io.densekit.kernel;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A set of kernel providers and the rules for picking one. {@link Kernels} holds the one built from
 * {@code ServiceLoader}; tests and embedders can build their own from any providers.
 *
 * <p>Availability is asked once per provider and never throws (a failing check is an unavailable
 * kernel with the failure as its reason). {@link #byName} creates each kernel once and shares it (its
 * close() does nothing); {@link #open} makes a new instance the caller owns.
 */
public final class KernelRegistry {
    private static final System.Logger LOG = System.getLogger(KernelRegistry.class.getName());
    private final List<KernelProvider> providers;
    private final Map<String, Availability> availability = new ConcurrentHashMap<>();
    private final Map<String, Kernel> shared = new ConcurrentHashMap<>();

    /** One kernel as discovery sees it. */
    public record Info(String name, int priority, Availability availability, String dtypes, String device) {
        public boolean available() {
            return availability.available();
        }
    }

    public KernelRegistry(List<KernelProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(KernelProvider::priority).reversed().thenComparing(KernelProvider::name))
                .toList();
    }

    /** Every provider, highest priority first. */
    public List<KernelProvider> providers() {
        return providers;
    }

    public List<String> names() {
        return providers.stream().map(KernelProvider::name).toList();
    }

    /** Every kernel with its availability, highest priority first. */
    public List<Info> list() {
        return providers.stream()
                .map(p -> new Info(p.name(), p.priority(), availabilityOf(p),
                        p.dtypes().stream().map(Object::toString).sorted().collect(Collectors.joining(",")),
                        p.device()))
                .toList();
    }

    public Availability availabilityOf(KernelProvider p) {
        return availability.computeIfAbsent(p.name(), n -> {
            try {
                Availability a = p.availability();
                return a == null ? Availability.no("availability check returned nothing") : a;
            } catch (Throwable t) {
                return Availability.no("availability check failed: " + t);
            }
        });
    }

    /**
     * The shared kernel of that name, created on first use; throws with the reason when unknown or
     * unavailable. The registry owns it: its {@code close()} does nothing (see {@link AbstractKernel}),
     * so every caller may close what it got, and every later call gets the same working instance.
     */
    public Kernel byName(String name) {
        KernelProvider p = availableProvider(name);
        return shared.computeIfAbsent(p.name(), n -> {
            Kernel k = create(p);
            if (k instanceof AbstractKernel a) {
                a.share();
            }
            return k;
        });
    }

    /**
     * A new instance of that kernel that belongs to the caller: its {@code close()} releases its
     * resources (a GPU kernel's device memory, a CPU kernel's threads) and every later use of it is
     * refused. For an embedder that wants a kernel's lifetime in its own hands; everyone else
     * shares {@link #byName}. Throws as {@link #byName} does; never falls back.
     */
    public Kernel open(String name) {
        return create(availableProvider(name));
    }

    private KernelProvider availableProvider(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        KernelProvider p = providers.stream().filter(k -> k.name().equals(key)).findFirst()
                .orElseThrow(() -> new KernelUnavailableException("unknown kernel '" + name
                        + "'; known kernels: " + String.join(", ", names())));
        Availability a = availabilityOf(p);
        if (!a.available()) {
            throw new KernelUnavailableException("kernel '" + p.name() + "' is unavailable: " + a.reason());
        }
        return p;
    }

    private static Kernel create(KernelProvider p) {
        try {
            return p.create();
        } catch (RuntimeException | LinkageError e) {
            throw new KernelUnavailableException("kernel '" + p.name() + "' failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * The requested kernel when {@code requested} is present, else the available kernel of highest
     * priority. A requested kernel that cannot run throws in strict mode; otherwise a warning is
     * logged and the best available kernel is returned.
     */
    public Kernel best(Optional<String> requested, boolean strict) {
        if (requested.isPresent()) {
            try {
                return byName(requested.get());
            } catch (KernelUnavailableException e) {
                if (strict) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; falling back to the best available"
                        + " kernel (strict mode fails instead)");
            }
        }
        for (KernelProvider p : providers) {
            if (availabilityOf(p).available()) {
                return byName(p.name());
            }
        }
        throw new KernelUnavailableException("no kernel is available; registered: " + String.join(", ", names()));
    }
}
