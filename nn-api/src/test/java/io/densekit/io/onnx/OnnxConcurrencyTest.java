package io.densekit.io.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Onnx} keeps no state between calls, so reading and writing from many threads at once gives
 * every thread the bytes and the weights one thread alone gets, bit for bit.
 */
class OnnxConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 25;

    @TempDir
    Path dir;

    @Test
    void concurrentReadsAndWritesAgreeBitForBit() throws Exception {
        byte[] fixture = OnnxFixture.load("mlp_f32_gemm_opset13").model();
        OnnxModel alone = Onnx.parse(fixture, Path.of("mlp.onnx"));
        try (Sequential model = Sequential.of("6,32:tanh,32:softmax,3", Kernels.byName("reference"), DType.F64, 4)) {
            Onnx.write(model, dir.resolve("alone.onnx"));
            byte[] written = Files.readAllBytes(dir.resolve("alone.onnx"));
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Path file = dir.resolve("t" + t + ".onnx");
                tasks.add(() -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        OnnxModel m = Onnx.parse(fixture, Path.of("mlp.onnx"));
                        assertThat(m.spec()).isEqualTo(alone.spec());
                        for (var e : alone.weights().entrySet()) {
                            assertThat(bits(m.weights().get(e.getKey()))).isEqualTo(bits(e.getValue()));
                        }
                        Onnx.write(model, file);
                        assertThat(Files.readAllBytes(file)).isEqualTo(written);
                    }
                    return null;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Void>> futures = tasks.stream().map(pool::submit).toList();
                start.countDown();
                for (Future<Void> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static long[] bits(HostTensor t) {
        return java.util.Arrays.stream(t.toDoubleArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
