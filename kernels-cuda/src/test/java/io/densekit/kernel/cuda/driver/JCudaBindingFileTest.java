package io.densekit.kernel.cuda.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jcuda.LibUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JCudaBindingFileTest {
    @TempDir
    Path dir;

    @Test
    void theNameIsTheOneInJCudasNativesJar() throws IOException {
        try (InputStream in = LibUtils.class.getResourceAsStream("/lib/" + JCudaBindingFile.fileName())) {
            assertThat(in).as("JCuda's natives jar holds /lib/" + JCudaBindingFile.fileName()).isNotNull();
        }
    }

    /**
     * Writers race to place the file while a reader looks at it without pause: whenever the name
     * exists it must hold the whole content. Writing in place (as JCuda does) fails this at once.
     */
    @Test
    void theNameNeverHoldsAPartFile() throws Exception {
        byte[] content = new byte[4 << 20];
        new Random(7).nextBytes(content);
        Path target = dir.resolve("libBinding.so");
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger looks = new AtomicInteger();
        List<String> bad = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    looks.incrementAndGet();
                    if (!Arrays.equals(seen, content)) {
                        synchronized (bad) {
                            bad.add(seen.length + " bytes");
                        }
                    }
                } catch (NoSuchFileException e) {
                    Thread.onSpinWait();
                } catch (IOException e) {
                    synchronized (bad) {
                        bad.add(e.toString());
                    }
                }
            }
        });
        reader.start();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                Files.deleteIfExists(target);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> placed = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    placed.add(writers.submit(() -> {
                        go.await();
                        JCudaBindingFile.place(content, target);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : placed) {
                    f.get();
                }
                assertThat(Files.readAllBytes(target)).isEqualTo(content);
            }
        } finally {
            done.set(true);
            reader.join();
            writers.shutdownNow();
        }
        assertThat(bad).isEmpty();
        assertThat(looks.get()).as("the reader saw the file").isPositive();
        try (var left = Files.list(dir)) {
            assertThat(left).as("no part files left behind").containsExactly(target);
        }
    }

    @Test
    void aTruncatedFileIsReplacedAndAWholeOneLeftAlone() throws IOException {
        byte[] content = new byte[100_000];
        new Random(3).nextBytes(content);
        Path target = dir.resolve("libBinding.so");
        Files.write(target, Arrays.copyOf(content, 4096));
        JCudaBindingFile.place(content, target);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(target, old);
        JCudaBindingFile.place(content, target);
        assertThat(Files.getLastModifiedTime(target)).as("a whole file is not rewritten").isEqualTo(old);

        byte[] other = content.clone();
        other[50_000] ^= 1;
        JCudaBindingFile.place(other, target);
        assertThat(Files.readAllBytes(target)).as("same size, other bytes: replaced").isEqualTo(other);
    }
}
