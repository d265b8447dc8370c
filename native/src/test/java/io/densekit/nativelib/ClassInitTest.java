package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** In a fresh JVM: loading and initialising every class of the module loads no native library. */
class ClassInitTest {
    @Test
    void classInitialisationLoadsNoNativeLibrary() throws IOException, InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc/self/maps (Linux) to see what is loaded");
        String out = ClassInitProbe.runInFreshJvm(ClassInitProbe.class);
        assertThat(out).containsPattern("INITIALISED: [1-9]");
        assertThat(ClassInitProbe.mappedAfter(out)).as("native libraries mapped after class initialisation").isEmpty();
    }
}
