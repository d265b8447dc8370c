package io.densekit.kernel.cuda.driver;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PTX module of densekit's CUDA kernels (sources in kernels-cuda/src/main/cuda, documented in its
 * README) and the names and codes a launcher needs. Reading the resource touches no GPU.
 */
public final class CudaKernels {
    /** Class-path resource of the module. */
    public static final String RESOURCE = "/io/densekit/cuda/densekit_kernels.ptx";

    private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry ([A-Za-z0-9_]+)\\(", Pattern.MULTILINE);

    private CudaKernels() {
    }

    /** The PTX text. */
    public static String ptx() {
        try (InputStream in = CudaKernels.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("PTX resource " + RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PTX resource " + RESOURCE, e);
        }
    }

    /** The PTX as a NUL-terminated byte array, as cuModuleLoadData / cuModuleLoadDataEx take it. */
    public static byte[] ptxImage() {
        byte[] text = ptx().getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(text, text.length + 1);
    }

    /** Every kernel (entry) name in the module, in file order. */
    public static List<String> entryNames() {
        return entryNames(ptx());
    }

    static List<String> entryNames(String ptx) {
        List<String> names = new ArrayList<>();
        Matcher m = ENTRY.matcher(ptx);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The entry name of a kernel for a dtype: {@code name("dk_sgd_update", F32)} is "dk_sgd_update_f32". */
    public static String name(String base, DType dtype) {
        return base + "_" + dtype.shortName();
    }

    /**
     * The {@code act} argument of dk_bias_act_forward and dk_act_backward. Softmax and log-softmax
     * have kernels of their own (dk_bias_softmax_forward, ...), so they have no code.
     */
    public static int activationCode(Activation act) {
        return switch (act) {
            case IDENTITY -> 0;
            case RELU -> 1;
            case SIGMOID -> 2;
            case TANH -> 3;
            case SOFTMAX, LOG_SOFTMAX -> throw new IllegalArgumentException(act
                    + " is row-wise: launch dk_bias_softmax_forward / dk_bias_log_softmax_forward and their backward kernels");
        };
    }
}
