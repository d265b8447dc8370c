package io.densekit.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Finds kernels through {@link ServiceLoader} and picks one.
 *
 * <ul>
 *   <li>{@link #best()}: the available kernel of highest priority, unless an override names one:
 *       system property {@value #KERNEL_PROPERTY} or environment variable {@value #KERNEL_ENV}.</li>
 *   <li>When the override cannot run, {@code best()} logs a warning and falls back, unless strict
 *       mode is on ({@value #STRICT_PROPERTY}=true or {@value #STRICT_ENV}=true): then it throws.</li>
 *   <li>{@link #byName(String)} is always strict: an explicit request never falls back.</li>
 * </ul>
 * Availability checks never throw; a provider whose check fails is listed as unavailable with the
 * failure as its reason. Kernels are created once per name and shared.
 */
public final class Kernels {
    public static final String KERNEL_PROPERTY = "densekit.kernel";
    public static final String KERNEL_ENV = "DENSEKIT_KERNEL";
    public static final String STRICT_PROPERTY = "densekit.kernel.strict";
    public static final String STRICT_ENV = "DENSEKIT_KERNEL_STRICT";

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final Map<String, Kernel> SHARED = new ConcurrentHashMap<>();
    private static final Map<String, Availability> AVAILABILITY = new ConcurrentHashMap<>();
    private static volatile List<KernelProvider> providers;

    private Kernels() {
    }

    /** One kernel as discovery sees it. */
    public record Info(String name, int priority, Availability availability, String dtypes, String device) {
        public boolean available() {
            return availability.available();
        }
    }

    /** Every registered provider, highest priority first. */
    public static List<KernelProvider> providers() {
        List<KernelProvider> p = providers;
        if (p == null) {
            synchronized (Kernels.class) {
                if (providers == null) {
                    List<KernelProvider> found = new ArrayList<>();
                    ServiceLoader.load(KernelProvider.class, Kernels.class.getClassLoader())
                            .stream().forEach(h -> {
                                try {
                                    found.add(h.get());
                                } catch (Throwable t) {
                                    LOG.log(System.Logger.Level.WARNING, "kernel provider "
                                            + h.type().getName() + " failed to load: " + t);
                                }
                            });
                    found.sort(Comparator.comparingInt(KernelProvider::priority).reversed()
                            .thenComparing(KernelProvider::name));
                    providers = List.copyOf(found);
                }
                p = providers;
            }
        }
        return p;
    }

    /** Every kernel with its availability, highest priority first. */
    public static List<Info> list() {
        return providers().stream()
                .map(p -> new Info(p.name(), p.priority(), availabilityOf(p),
                        p.dtypes().stream().map(Object::toString).sorted().collect(Collectors.joining(",")),
                        p.device()))
                .toList();
    }

    /** The provider's availability, computed once; a throwing check counts as unavailable. */
    public static Availability availabilityOf(KernelProvider p) {
        return AVAILABILITY.computeIfAbsent(p.name(), n -> {
            try {
                Availability a = p.availability();
                return a == null ? Availability.no("availability check returned nothing") : a;
            } catch (Throwable t) {
                return Availability.no("availability check failed: " + t);
            }
        });
    }

    /** The names of all registered kernels. */
    public static List<String> names() {
        return providers().stream().map(KernelProvider::name).toList();
    }

    /** The shared kernel of that name; throws with the reason when unknown or unavailable. */
    public static Kernel byName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        KernelProvider p = providers().stream().filter(k -> k.name().equals(key)).findFirst()
                .orElseThrow(() -> new KernelUnavailableException("unknown kernel '" + name
                        + "'; known kernels: " + String.join(", ", names())));
        Availability a = availabilityOf(p);
        if (!a.available()) {
            throw new KernelUnavailableException("kernel '" + p.name() + "' is unavailable: " + a.reason());
        }
        return SHARED.computeIfAbsent(p.name(), n -> {
            try {
                return p.create();
            } catch (RuntimeException | LinkageError e) {
                throw new KernelUnavailableException("kernel '" + n + "' failed to start: " + e.getMessage(), e);
            }
        });
    }

    /** The requested kernel name from the system property or the environment, if any. */
    public static Optional<String> override() {
        String v = System.getProperty(KERNEL_PROPERTY);
        if (v == null || v.isBlank()) {
            v = System.getenv(KERNEL_ENV);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** True when strict mode is on: a requested kernel that cannot run is an error, not a fallback. */
    public static boolean strict() {
        String v = System.getProperty(STRICT_PROPERTY);
        if (v == null) {
            v = System.getenv(STRICT_ENV);
        }
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    /** The override if set (see the class comment), else the available kernel of highest priority. */
    public static Kernel best() {
        Optional<String> wanted = override();
        if (wanted.isPresent()) {
            try {
                return byName(wanted.get());
            } catch (KernelUnavailableException e) {
                if (strict()) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; falling back to the best available"
                        + " kernel (set " + STRICT_PROPERTY + "=true to fail instead)");
            }
        }
        for (KernelProvider p : providers()) {
            if (availabilityOf(p).available()) {
                return byName(p.name());
            }
        }
        throw new KernelUnavailableException("no kernel is available; registered: " + String.join(", ", names()));
    }

    /** Clears cached availability and providers; for tests that register kernels. */
    static void resetForTests() {
        synchronized (Kernels.class) {
            providers = null;
            AVAILABILITY.clear();
            SHARED.clear();
        }
    }
}
