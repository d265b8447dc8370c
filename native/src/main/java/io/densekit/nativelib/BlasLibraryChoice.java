package io.densekit.nativelib;

import java.util.List;
import java.util.Locale;

/**
 * Which CBLAS library the blas kernel binds, as the user chose it with the property
 * {@value #PROPERTY} or the variable {@value #ENV_VAR}: {@code system} (the default: the search of
 * {@link LibrarySpec#CBLAS}, which {@code densekit.cblas.path} steers) or {@code bytedeco} (OpenBLAS
 * from the {@code org.bytedeco:openblas} jar on the class path, see {@link BytedecoOpenBlas}). A
 * library asked for and absent is "not found" with the reason; there is no fall-back to the other.
 */
public enum BlasLibraryChoice {
    SYSTEM, BYTEDECO;

    public static final String PROPERTY = "densekit.blas.library";
    public static final String ENV_VAR = "DENSEKIT_BLAS_LIBRARY";

    /** The choice's name as the user writes it. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a user's value; throws {@link IllegalArgumentException} with a one-line message naming the valid ones. */
    public static BlasLibraryChoice parse(String value) {
        for (BlasLibraryChoice c : values()) {
            if (c.cliName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown BLAS library '" + value + "'; expected one of "
                + String.join(", ", List.of(values()).stream().map(BlasLibraryChoice::cliName).toList()));
    }

    /** The choice the environment makes: the property, else the variable, else {@link #SYSTEM}. */
    static String configured(SearchEnvironment env) {
        String v = env.propertyValue(PROPERTY);
        if (v != null) {
            return PROPERTY + "=" + v;
        }
        v = env.envValue(ENV_VAR);
        return v != null ? "$" + ENV_VAR + "=" + v : null;
    }
}
