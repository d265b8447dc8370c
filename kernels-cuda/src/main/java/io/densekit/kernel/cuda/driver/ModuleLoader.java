package io.densekit.kernel.cuda.driver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.driver.CUjit_option;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.driver.JITOptions;

/**
 * Loads densekit's kernel module in the first form the driver accepts ({@link ModuleImages}'
 * order: the GPU's cubin, then the PTX), through cuModuleLoadDataEx with JIT info and error log
 * buffers, so a refused form leaves the driver's words behind. The context must be current.
 */
public final class ModuleLoader {
    static final int LOG_BYTES = 16 * 1024;

    private ModuleLoader() {
    }

    /**
     * One form tried.
     *
     * @param image   the form
     * @param status  the CUresult
     * @param infoLog the JIT info log (empty when the driver wrote none)
     * @param errorLog the JIT error log (empty when the driver wrote none)
     */
    public record Attempt(ModuleImage image, int status, String infoLog, String errorLog) {
        public boolean loaded() {
            return status == CUresult.CUDA_SUCCESS;
        }

        /** "sm_90 cubin: CUDA_ERROR_NO_BINARY_FOR_GPU (209); JIT error log: ..." */
        public String describe() {
            String s = image.label() + ": " + (loaded() ? "loaded" : Cu.describe(status));
            if (!errorLog.isEmpty()) {
                s += "; JIT error log: " + errorLog;
            }
            if (!infoLog.isEmpty()) {
                s += "; JIT info log: " + infoLog;
            }
            return s;
        }
    }

    /** The module and how it was loaded: the form that loaded is the last attempt. */
    public record Loaded(CUmodule module, List<Attempt> attempts) {
        public ModuleImage image() {
            return attempts.getLast().image();
        }

        /** "sm_90 cubin", or "PTX (...) after sm_90 cubin: CUDA_ERROR_...". */
        public String describe() {
            String s = image().label();
            List<Attempt> refused = attempts.subList(0, attempts.size() - 1);
            if (!refused.isEmpty()) {
                s += " after " + String.join(", ", refused.stream().map(Attempt::describe).toList());
            }
            return s;
        }
    }

    /** Tries each form in order; throws {@link CudaModuleLoadException} with every attempt when none loads. */
    public static Loaded load(List<ModuleImage> forms, String device) {
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("no module forms to load");
        }
        List<Attempt> attempts = new ArrayList<>();
        for (ModuleImage form : forms) {
            CUmodule module = new CUmodule();
            Attempt a = loadOne(module, form);
            attempts.add(a);
            if (a.loaded()) {
                return new Loaded(module, List.copyOf(attempts));
            }
        }
        throw new CudaModuleLoadException(device, attempts);
    }

    private static Attempt loadOne(CUmodule module, ModuleImage form) {
        JITOptions options = new JITOptions();
        options.putBytes(CUjit_option.CU_JIT_INFO_LOG_BUFFER, new byte[LOG_BYTES]);
        options.putInt(CUjit_option.CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES, LOG_BYTES);
        options.putBytes(CUjit_option.CU_JIT_ERROR_LOG_BUFFER, new byte[LOG_BYTES]);
        options.putInt(CUjit_option.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, LOG_BYTES);
        options.putInt(CUjit_option.CU_JIT_LOG_VERBOSE, 1);
        int status = JCudaDriver.cuModuleLoadDataJIT(module, Pointer.to(form.image()), options);
        return new Attempt(form, status, log(options, CUjit_option.CU_JIT_INFO_LOG_BUFFER),
                log(options, CUjit_option.CU_JIT_ERROR_LOG_BUFFER));
    }

    /** The log's text up to its NUL, on one line. */
    private static String log(JITOptions options, int buffer) {
        byte[] b = options.getBytes(buffer);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
