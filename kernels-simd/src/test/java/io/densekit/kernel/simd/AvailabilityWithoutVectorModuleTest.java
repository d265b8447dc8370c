package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without --add-modules jdk.incubator.vector, discovery lists the kernel as unavailable and says why. */
class AvailabilityWithoutVectorModuleTest {

    /** Run in a JVM without the Vector API: prints the SIMD kernel's discovery line. */
    public static void main(String[] args) {
        Kernels.list().stream().filter(i -> i.name().equals("simd"))
                .forEach(i -> System.out.println(i.available() + "|" + i.availability().reason()));
        System.out.println("best=" + Kernels.best().name());
    }

    @Test
    void reportsTheMissingModuleInsteadOfFailing() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AvailabilityWithoutVectorModuleTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("false|").contains("--add-modules jdk.incubator.vector")
                .contains("best=reference");
    }
}
