package io.densekit.kernel.cuda.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of CUresult codes, from a table taken from CUDA 13's cuda.h (resource
 * {@value #RESOURCE}). JCuda's own {@code CUresult.stringFor} knows only the codes of the CUDA it
 * was built for (12.6) and calls newer ones "INVALID CUresult"; the table knows CUDA 13's, and
 * {@link Cu#check} asks the driver ({@code cuGetErrorName}) for a code the table lacks.
 */
public final class CuResultNames {
    static final String RESOURCE = "/io/densekit/kernel/cuda/driver/cuda-result-names.txt";

    private CuResultNames() {
    }

    /** "CUDA_ERROR_INVALID_PTX" for 218, or null for a code the table does not list. */
    public static String nameOrNull(int code) {
        return Table.NAMES.get(code);
    }

    /** "CUDA_ERROR_INVALID_PTX (218)", or "CUresult 4242 (not in CUDA 13's cuda.h)". */
    public static String describe(int code) {
        String name = nameOrNull(code);
        return name != null ? name + " (" + code + ")" : "CUresult " + code + " (not in CUDA 13's cuda.h)";
    }

    /** Read on first use, not at class initialisation. */
    private static final class Table {
        static final Map<Integer, String> NAMES = read();

        private static Map<Integer, String> read() {
            Map<Integer, String> names = new HashMap<>();
            try (InputStream in = CuResultNames.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] f = line.trim().split("\\s+");
                        names.put(Integer.parseInt(f[0]), f[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            return Map.copyOf(names);
        }
    }
}
