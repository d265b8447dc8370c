package io.densekit.kernel.cuda.driver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The forms of densekit's kernel module shipped in native's resources (written by
 * scripts/build-ptx.sh): gzipped cubins for a few GPU families, listed in {@value #LIST}, and the
 * PTX. A cubin needs no JIT compilation at load and no PTX compiler in the driver, so it is tried
 * first; the PTX is the fallback for every other GPU and for a driver that refuses the cubin.
 */
public final class ModuleImages {
    /** The list of cubins: "sm_90 densekit_kernels.sm_90.cubin.gz" lines, after a header of comments. */
    public static final String LIST = "/io/densekit/cuda/densekit_kernels.cubins";
    private static final String FOLDER = "/io/densekit/cuda/";
    private static final int PTX_ARCH = 75;

    private ModuleImages() {
    }

    /** What to load on a GPU of that compute capability, in order: the newest cubin that runs on it, then the PTX. */
    public static List<ModuleImage> forDevice(int major, int minor) {
        List<ModuleImage> order = new ArrayList<>();
        listedCubins().stream()
                .filter(c -> ModuleImage.cubinRunsOn(c.arch(), major, minor))
                .max(Comparator.comparingInt(Listed::arch))
                .ifPresent(c -> order.add(cubin(c)));
        order.add(ptx());
        return order;
    }

    /** The PTX form. */
    public static ModuleImage ptx() {
        return new ModuleImage(ModuleImage.Kind.PTX, PTX_ARCH, CudaKernels.ptxImage());
    }

    /** Every listed cubin, read and unpacked. */
    public static List<ModuleImage> allCubins() {
        return listedCubins().stream().map(ModuleImages::cubin).toList();
    }

    /** One line of the list. */
    public record Listed(int arch, String resource) {
    }

    /** The list's entries, or none where the resource is absent (a build without cubins). */
    public static List<Listed> listedCubins() {
        List<Listed> listed = new ArrayList<>();
        try (InputStream in = ModuleImages.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return listed;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 2 || !f[0].startsWith("sm_")) {
                    throw new IllegalStateException(LIST + ": expected \"sm_NN resource\", got \"" + line + "\"");
                }
                listed.add(new Listed(Integer.parseInt(f[0].substring(3)), f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
        return listed;
    }

    private static ModuleImage cubin(Listed c) {
        String resource = FOLDER + c.resource();
        try (InputStream in = ModuleImages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " lists " + resource + ", which is missing from the class path");
            }
            try (GZIPInputStream unzipped = new GZIPInputStream(in)) {
                return new ModuleImage(ModuleImage.Kind.CUBIN, c.arch(), unzipped.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
