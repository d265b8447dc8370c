package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.nativelib.ClassInitProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** In a fresh JVM: loading and initialising every class of the module, and listing providers, loads no native library. */
class BlasClassInitTest {
    @Test
    void classInitialisationAndProviderListingLoadNoNativeLibrary() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux) to see what is loaded");
        String out = ClassInitProbe.runInFreshJvm(BlasClassInitProbe.class);
        assertThat(out).contains("PROVIDER: blas 50").containsPattern("INITIALISED: [1-9]");
        assertThat(ClassInitProbe.mappedAfter(out)).as("native libraries mapped after class initialisation").isEmpty();
    }
}
