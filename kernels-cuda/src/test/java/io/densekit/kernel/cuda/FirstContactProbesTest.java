package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two probes the first-contact script runs before any Java (kernels-cuda/scripts), against the
 * emulator's libcuda: they pass on it, and the driver probe fails when the kernels compute nothing
 * (DENSEKIT_EMU_ARITHMETIC=off), so a pass means the kernels' results were checked.
 */
class FirstContactProbesTest {
    private static final Path SCRIPTS = Path.of("scripts").toAbsolutePath();
    private static Path libcuda;

    @BeforeAll
    static void emulatedRunWithPython() throws IOException, InterruptedException {
        assumeTrue(CudaEmulator.requested(), "runs in the cuda-emulator execution only");
        String problem = CudaEmulator.prepare();
        assumeTrue(problem == null, problem);
        assumeTrue(run(List.of("python3", "--version"), Map.of()).status == 0, "needs python3 on PATH");
        libcuda = Path.of(System.getProperty("densekit.cuda.driver.path"));
    }

    private record Result(int status, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static Result driverProbe(Map<String, String> env) throws IOException, InterruptedException {
        return run(List.of("python3", SCRIPTS.resolve("driver_probe.py").toString(), "--libcuda", libcuda.toString()), env);
    }

    @Test
    void theDriverProbeLoadsThePtxAndTheCubinAndChecksFourKernelsInEach() throws Exception {
        Result r = driverProbe(Map.of());
        assertThat(r.status).as(r.output).isZero();
        assertThat(r.output).contains("PASS PTX: 53 of 53 entry points found")
                .contains("PASS sm_90 cubin: 53 of 53 entry points found")
                .contains("INFO sm_80 cubin refused: CUDA_ERROR_NO_BINARY_FOR_GPU (209)")
                .doesNotContain("FAIL");
        assertThat(r.output.lines().filter(l -> l.matches("PASS .* worst error .* of its bound"))).hasSize(8);
    }

    @Test
    void theDriverProbeFailsWhenTheKernelsComputeNothing() throws Exception {
        Result r = driverProbe(Map.of("DENSEKIT_EMU_ARITHMETIC", "off"));
        assertThat(r.status).as(r.output).isEqualTo(1);
        assertThat(r.output).contains("FAIL PTX dk_bias_act_forward_f32").contains("FAIL sm_90 cubin dk_sum_div");
    }

    @Test
    void everyDriverFunctionDensekitCallsIsImportedByJCudaAndResolves() throws Exception {
        Path jar = jcudaNativesJar();
        Result r = run(List.of("python3", SCRIPTS.resolve("jcuda_symbols.py").toString(), "--libcuda", libcuda.toString(),
                "--jar", jar.toString()), Map.of());
        assertThat(r.status).as(r.output).isZero();
        assertThat(r.output).containsPattern("INFO lib/libJCudaDriver-[0-9.]+-linux-x86_64\\.so: \\d+ undefined cu\\* symbols")
                .containsPattern("PASS (\\d+) of the \\1 symbols densekit calls resolve")
                .contains("ok      cuModuleLoadDataEx").contains("ok      cuLaunchKernel");
    }

    @Test
    void theBindingCheckFailsForALibraryWithoutTheDriversFunctions() throws Exception {
        Path jar = jcudaNativesJar();
        // libm: no cu* entry points (dlsym on a library also searches what it links, so not the emulated cuBLAS)
        Result r = run(List.of("python3", SCRIPTS.resolve("jcuda_symbols.py").toString(), "--libcuda", "libm.so.6",
                "--jar", jar.toString()), Map.of());
        assertThat(r.status).as(r.output).isEqualTo(1);
        assertThat(r.output).contains("MISSING cuInit").containsPattern("FAIL 0 of the \\d+ symbols densekit calls resolve");
    }

    /** The jcuda-natives jar on the test class path (where JCuda's binding comes from). */
    private static Path jcudaNativesJar() throws URISyntaxException {
        URL u = FirstContactProbesTest.class.getClassLoader()
                .getResource("META-INF/maven/org.jcuda/jcuda-natives/pom.properties");
        assertThat(u).as("jcuda-natives on the test class path").isNotNull();
        String s = u.toString(); // jar:file:/.../jcuda-natives-12.6.0-linux-x86_64.jar!/META-INF/...
        assertThat(s).startsWith("jar:file:");
        return Path.of(new java.net.URI(s.substring(4, s.indexOf("!/"))));
    }
}
