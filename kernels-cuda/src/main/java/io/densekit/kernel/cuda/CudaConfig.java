package io.densekit.kernel.cuda;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The GPU kernel's settings, each a system property or else an environment variable:
 * <ul>
 *   <li>{@value #DEVICE_PROPERTY} / {@value #DEVICE_ENV}: which GPU (default 0).</li>
 *   <li>{@value #TF32_PROPERTY} / {@value #TF32_ENV}: {@code true} lets float32 GEMMs run on tensor
 *       cores in TF32 (off by default, so float32 results stay comparable with the CPU kernels).</li>
 * </ul>
 * Read when the provider is first asked, never set by densekit.
 */
public record CudaConfig(int device, boolean tf32) {
    public static final String DEVICE_PROPERTY = "densekit.cuda.device";
    public static final String DEVICE_ENV = "DENSEKIT_CUDA_DEVICE";
    public static final String TF32_PROPERTY = "densekit.cuda.tf32";
    public static final String TF32_ENV = "DENSEKIT_CUDA_TF32";

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
        return new CudaConfig(device, tf != null && isTrue(tf));
    }

    private static String value(UnaryOperator<String> properties, UnaryOperator<String> env, String p, String e) {
        String v = properties.apply(p);
        if (v == null || v.isBlank()) {
            v = env.apply(e);
        }
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean isTrue(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(TF32_PROPERTY + " / " + TF32_ENV + " is '" + v
                    + "'; expected true or false");
        };
    }

    /** How float32 GEMMs run, for {@code details()}. */
    public String mathMode() {
        return tf32 ? "tf32 on (float32 GEMMs on tensor cores in TF32)"
                : "tf32 off (float32 GEMMs in full FP32; -D" + TF32_PROPERTY + "=true opts in)";
    }
}
