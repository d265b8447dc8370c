package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes files with the Java writers and has numpy and PyTorch read them
 * (scripts/check_format_interop.py). Skipped, with the reason, where that Python is missing:
 * set DENSEKIT_PYTHON to a python with numpy and torch (default /usr/bin/python3).
 */
class PythonInteropTest {
    @TempDir
    Path dir;

    @Test
    void numpyAndTorchReadWhatWeWrite() throws IOException, InterruptedException {
        Path python = Path.of(System.getenv().getOrDefault("DENSEKIT_PYTHON", "/usr/bin/python3"));
        assumeTrue(Files.isExecutable(python), python + " not found; set DENSEKIT_PYTHON to check interop");
        Path script = findScript();
        assumeTrue(script != null, "scripts/check_format_interop.py not found above " + Path.of("").toAbsolutePath());

        writeFiles();
        Process p = new ProcessBuilder(python.toString(), script.toString(), dir.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(180, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("python finished within 180 s").isTrue();
        assumeTrue(p.exitValue() != 77, "numpy or torch missing: " + output.strip());
        assertThat(p.exitValue()).as(output).isZero();
    }

    private void writeFiles() throws IOException {
        HostTensor f32 = HostTensor.zeros(DType.F32, 3, 5);
        for (int i = 0; i < 15; i++) {
            f32.setFlat(i, (i - 7) * 0.125);
        }
        Npy.write(dir.resolve("java_f32_3x5.npy"), f32);
        HostTensor f64 = HostTensor.zeros(DType.F64, 17);
        for (int i = 0; i < 17; i++) {
            f64.setFlat(i, i * 0.1);
        }
        Npy.write(dir.resolve("java_f64_17.npy"), f64);
        Npy.writeLongs(dir.resolve("java_i64_4.npy"), new long[] {0, -1, 1L << 40, -(1L << 62)}, 4);
        Npy.writeInts(dir.resolve("java_i32_2x3.npy"), new int[] {1, -2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, 0}, 2, 3);

        HostTensor csv = HostTensor.zeros(DType.F64, 4, 3);
        for (int i = 0; i < 12; i++) {
            csv.setFlat(i, Math.scalb((i - 5) * 0.3, i % 40 - 20));
        }
        Csv.write(dir.resolve("java.csv"), csv);
        Csv.write(dir.resolve("java.csv.gz"), csv);

        for (DType dtype : DType.values()) {
            Map<String, HostTensor> model = new LinkedHashMap<>();
            int[][] shapes = {{3, 2}, {3}, {1, 3}, {1}};
            String[] names = {"0.weight", "0.bias", "2.weight", "2.bias"};
            int k = 0;
            for (int i = 0; i < names.length; i++) {
                HostTensor t = HostTensor.zeros(dtype, shapes[i]);
                for (int j = 0; j < t.size(); j++, k++) {
                    t.setFlat(j, (k - 4) * 0.125);
                }
                model.put(names[i], t);
            }
            SafeTensors.write(dir.resolve("java_model_" + dtype.shortName() + ".safetensors"), model,
                    Map.of("format", "pt"));
        }
    }

    private static Path findScript() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path s = d.resolve("scripts").resolve("check_format_interop.py");
            if (Files.isRegularFile(s)) {
                return s;
            }
        }
        return null;
    }
}
