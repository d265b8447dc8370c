package io.densekit.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Discovery of the kernels on the class path (through {@link ServiceLoader}) and the choice of one.
 *
 * <ul>
 *   <li>{@link #best()}: the available kernel of highest priority, unless an override names one:
 *       system property {@value #KERNEL_PROPERTY} or environment variable {@value #KERNEL_ENV}.</li>
 *   <li>When the override cannot run, {@code best()} logs a warning and falls back, unless strict
 *       mode is on ({@value #STRICT_PROPERTY}=true or {@value #STRICT_ENV}=true): then it throws.</li>
 *   <li>{@link #byName(String)} is always strict: an explicit request never falls back.</li>
 * </ul>
 *
 * <p>Both return the process's shared instance, whose {@code close()} does nothing: closing it
 * (for example in a {@code try}-with-resources) cannot break it for anyone else. A caller that
 * wants to own a kernel's lifetime, say to free a GPU's memory when it is done, takes its own
 * instance from {@link #open(String)} and closes it.
 */
public final class Kernels {
    public static final String KERNEL_PROPERTY = "densekit.kernel";
    public static final String KERNEL_ENV = "DENSEKIT_KERNEL";
    public static final String STRICT_PROPERTY = "densekit.kernel.strict";
    public static final String STRICT_ENV = "DENSEKIT_KERNEL_STRICT";

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static volatile KernelRegistry registry;

    private Kernels() {
    }

    /** The registry of every provider on the class path, loaded on first use. */
    public static KernelRegistry registry() {
        KernelRegistry r = registry;
        if (r == null) {
            synchronized (Kernels.class) {
                if (registry == null) {
                    List<KernelProvider> found = new ArrayList<>();
                    ServiceLoader.load(KernelProvider.class, Kernels.class.getClassLoader()).stream().forEach(h -> {
                        try {
                            found.add(h.get());
                        } catch (Throwable t) {
                            LOG.log(System.Logger.Level.WARNING, "kernel provider " + h.type().getName()
                                    + " failed to load: " + t);
                        }
                    });
                    registry = new KernelRegistry(found);
                }
                r = registry;
            }
        }
        return r;
    }

    /** Every kernel with its availability, highest priority first. */
    public static List<KernelRegistry.Info> list() {
        return registry().list();
    }

    public static List<String> names() {
        return registry().names();
    }

    /** The shared kernel of that name; throws {@link KernelUnavailableException} with the reason. */
    public static Kernel byName(String name) {
        return registry().byName(name);
    }

    /**
     * A new instance of that kernel, owned by the caller: close it when done (that releases it, and
     * its later use is refused). Strict as {@link #byName}: throws with the reason, never falls back.
     */
    public static Kernel open(String name) {
        return registry().open(name);
    }

    /** The shared override if set (see the class comment), else the available kernel of highest priority. */
    public static Kernel best() {
        return registry().best(override(), strict());
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
}
