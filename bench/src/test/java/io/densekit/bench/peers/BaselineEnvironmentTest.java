package io.densekit.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Python baselines get the OpenMP build of OpenBLAS first on their library path, where it is installed. */
class BaselineEnvironmentTest {
    @Test
    void theOpenMpBuildGoesFirstWhereItIsInstalled(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libopenblas.so.0"));
        Map<String, String> env = new HashMap<>();
        new BaselineEnvironment(dir).apply(env);
        assertThat(env).containsEntry("LD_LIBRARY_PATH", dir.toString());
        env.put("LD_LIBRARY_PATH", "/opt/lib");
        new BaselineEnvironment(dir).apply(env);
        assertThat(env).containsEntry("LD_LIBRARY_PATH", dir + ":/opt/lib");
    }

    @Test
    void withoutItTheEnvironmentIsLeftAlone(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(Map.of("LD_LIBRARY_PATH", "/opt/lib"));
        new BaselineEnvironment(dir.resolve("missing")).apply(env);
        assertThat(env).containsExactlyEntriesOf(Map.of("LD_LIBRARY_PATH", "/opt/lib"));
        Map<String, String> empty = new HashMap<>();
        new BaselineEnvironment(dir).apply(empty);
        assertThat(empty).isEmpty();
    }
}
