package io.densekit.kernel.simd;

/**
 * How a {@link SimdKernel} runs: the vector width in bits (128, 256 or 512; 0 means the machine's
 * preferred width) and the number of threads.
 *
 * <p>{@link #fromSystemProperties()} reads {@value #BITS_PROPERTY} and {@value #THREADS_PROPERTY};
 * tests and embedders pass explicit values instead of setting global properties.
 */
public record SimdConfig(int bits, int threads) {
    public static final String BITS_PROPERTY = "densekit.simd.bits";
    public static final String THREADS_PROPERTY = "densekit.simd.threads";

    public SimdConfig {
        if (bits != 0 && bits != 128 && bits != 256 && bits != 512) {
            throw new IllegalArgumentException("SIMD width must be 128, 256 or 512 bits (or 0 for the preferred"
                    + " width), got " + bits);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("SIMD kernel threads must be >= 1, got " + threads);
        }
    }

    /** The preferred width and one thread per available processor. */
    public static SimdConfig defaults() {
        return new SimdConfig(0, Runtime.getRuntime().availableProcessors());
    }

    /** The defaults, overridden by {@value #BITS_PROPERTY} and {@value #THREADS_PROPERTY} when set. */
    public static SimdConfig fromSystemProperties() {
        SimdConfig d = defaults();
        return new SimdConfig(intProperty(BITS_PROPERTY, d.bits()), intProperty(THREADS_PROPERTY, d.threads()));
    }

    /** The same config with another thread count. */
    public SimdConfig withThreads(int n) {
        return new SimdConfig(bits, n);
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be a whole number, got '" + v + "'");
        }
    }
}
