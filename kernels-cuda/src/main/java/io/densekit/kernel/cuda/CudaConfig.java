package io.densekit.kernel.cuda;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The GPU kernel's settings, each a system property or else an environment variable:
 * <ul>
 *   <li>{@value #DEVICE_PROPERTY} / {@value #DEVICE_ENV}: which GPU (default 0).</li>
 *   <li>{@value #TF32_PROPERTY} / {@value #TF32_ENV}: {@code true} lets float32 GEMMs run on tensor
 *       cores in TF32 (off by default, so float32 results stay comparable with the CPU kernels).</li>
 *   <li>{@value #GRAPHS_PROPERTY} / {@value #GRAPHS_ENV}: {@code true} offers CUDA graphs
 *       ({@link CudaKernel#recorder()}): the kernel's step runner records a full-batch step once and
 *       replays it ({@link RecordedSteps}). Off by default until it has been measured on a GPU.</li>
 *   <li>{@value #RESIDENT_PROPERTY} / {@value #RESIDENT_ENV}: {@code true} (the default) keeps a fit's data
 *       sets on the device for the whole fit when they take at most a quarter of the free device
 *       memory, and cuts minibatches there ({@link CudaKernel#keepsResident}, {@link ResidentPlacement});
 *       {@code false} sends every minibatch from the host.</li>
 * </ul>
 * Read when the provider is first asked, never set by densekit.
 */
public record CudaConfig(int device, boolean tf32, boolean graphs, boolean resident) {
    public static final String DEVICE_PROPERTY = "densekit.cuda.device";
    public static final String DEVICE_ENV = "DENSEKIT_CUDA_DEVICE";
    public static final String TF32_PROPERTY = "densekit.cuda.tf32";
    public static final String TF32_ENV = "DENSEKIT_CUDA_TF32";
    public static final String GRAPHS_PROPERTY = "densekit.cuda.graphs";
    public static final String GRAPHS_ENV = "DENSEKIT_CUDA_GRAPHS";
    public static final String RESIDENT_PROPERTY = "densekit.cuda.resident";
    public static final String RESIDENT_ENV = "DENSEKIT_CUDA_RESIDENT";

    /** Without CUDA graphs, with resident data sets (the defaults). */
    public CudaConfig(int device, boolean tf32) {
        this(device, tf32, false);
    }

    /** With resident data sets (the default). */
    public CudaConfig(int device, boolean tf32, boolean graphs) {
        this(device, tf32, graphs, true);
    }

    /** From the JVM's system properties and environment. */
    public static CudaConfig fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /** From the given lookups (tests); a property wins over the environment variable. */
    public static CudaConfig from(UnaryOperator<String> properties, UnaryOperator<String> env) {
        String dev = value(properties, env, DEVICE_PROPERTY, DEVICE_ENV);
        int device = 0;
        if (dev != null) {
            try {
                device = Integer.parseInt(dev.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(DEVICE_PROPERTY + " / " + DEVICE_ENV + " is '" + dev
                        + "'; expected a GPU number such as 0");
            }
            if (device < 0) {
                throw new IllegalArgumentException(DEVICE_PROPERTY + " / " + DEVICE_ENV + " is " + device
                        + "; expected a GPU number >= 0");
            }
        }
        String tf = value(properties, env, TF32_PROPERTY, TF32_ENV);
        String graphs = value(properties, env, GRAPHS_PROPERTY, GRAPHS_ENV);
        String resident = value(properties, env, RESIDENT_PROPERTY, RESIDENT_ENV);
        return new CudaConfig(device, tf != null && isTrue(tf, TF32_PROPERTY, TF32_ENV),
                graphs != null && isTrue(graphs, GRAPHS_PROPERTY, GRAPHS_ENV),
                resident == null || isTrue(resident, RESIDENT_PROPERTY, RESIDENT_ENV));
    }

    private static String value(UnaryOperator<String> properties, UnaryOperator<String> env, String p, String e) {
        String v = properties.apply(p);
        if (v == null || v.isBlank()) {
            v = env.apply(e);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean isTrue(String v, String property, String envVar) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(property + " / " + envVar + " is '" + v
                    + "'; expected true or false");
        };
    }

    /** Whether CUDA graphs are offered, for {@code details()}. */
    public String graphMode() {
        return graphs ? "graphs on (the trainer replays recorded steps)"
                : "graphs off (-D" + GRAPHS_PROPERTY + "=true opts in)";
    }

    /** Where training sets live during a fit, for {@code details()}. */
    public String residentMode() {
        return resident ? "resident data on (a training set up to a quarter of free memory stays on the device)"
                : "resident data off (every minibatch is sent from the host)";
    }

    /** How float32 GEMMs run, for {@code details()}. */
    public String mathMode() {
        return tf32 ? "tf32 on (float32 GEMMs on tensor cores in TF32)"
                : "tf32 off (float32 GEMMs in full FP32; -D" + TF32_PROPERTY + "=true opts in)";
    }
}
