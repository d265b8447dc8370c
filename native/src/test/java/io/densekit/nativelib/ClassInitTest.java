package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a fresh JVM: loading and initialising every class of the module, and listing providers, loads no native library. */
class ClassInitTest {
    @Test
    void classInitialisationAndProviderListingLoadNoNativeLibrary() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux) to see what is loaded");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ClassInitProbe.class.getName(), Path.of("target/classes").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("PROVIDER: blas 50").containsPattern("INITIALISED: [1-9]");
        String mapped = out.substring(out.indexOf("MAPPED:") + "MAPPED:".length()).trim();
        assertThat(mapped).as("native libraries mapped after class initialisation").isEmpty();
    }
}
