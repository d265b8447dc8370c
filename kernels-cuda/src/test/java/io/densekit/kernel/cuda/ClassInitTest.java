package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.NativeLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In a fresh JVM: initialising every class of the module and listing providers loads no native
 * library (no libcuda, no JCuda binding, no cuBLAS); and where there is no driver, the availability
 * check does not load JCuda's binding either.
 */
class ClassInitTest {
    @Test
    void classInitialisationProviderListingAndAvailabilityWithoutADriverLoadNothingNative()
            throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux) to see what is loaded");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ClassInitProbe.class.getName(), moduleClasses())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("PROVIDER: cuda 200").containsPattern("INITIALISED: [1-9]");
        String beforeAvailability = between(out, "MAPPED:", "AVAILABILITY:");
        assertThat(beforeAvailability).as("native libraries mapped after class initialisation").isEmpty();

        boolean driver = NativeLibraries.system().lookup(CudaDriverLibrary.SPEC).found();
        if (!driver) {
            assertThat(out).contains("AVAILABILITY: Availability[available=false, reason=no NVIDIA driver: libcuda not found");
            String after = out.substring(out.indexOf("AFTER AVAILABILITY:") + "AFTER AVAILABILITY:".length()).trim();
            assertThat(after).as("native libraries mapped after the availability check without a driver").isEmpty();
        }
    }

    /** Where the module's main classes are: target/classes in a build, the module's jar in a devkit. */
    private static String moduleClasses() {
        try {
            return Path.of(CudaKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String between(String s, String from, String to) {
        int a = s.indexOf(from) + from.length();
        return s.substring(a, s.indexOf(to, a)).trim();
    }
}
