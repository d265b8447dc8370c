package io.densekit.kernel.cuda;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CPU stand-ins for the NVIDIA driver and cuBLAS ({@code src/test/emulator}), with which the
 * GPU tests run the whole cuda kernel (JCuda, launches, copies, the allocator, cuBLAS calls and
 * densekit's CUDA C compiled for the host) on machines without a GPU. The surefire execution
 * {@code cuda-emulator} sets {@value #PROPERTY} to the folder to build them in; {@link #prepare}
 * builds them when missing or older than their sources and points densekit's library discovery at
 * them. What it cannot show: speed, real concurrency, and the GPU's own arithmetic (its exp and
 * tanh, cuBLAS's summation order).
 */
final class CudaEmulator {
    static final String PROPERTY = "densekit.test.cuda.emulator";

    private CudaEmulator() {
    }

    /** True when this test JVM is the emulated run. */
    static boolean requested() {
        return System.getProperty(PROPERTY) != null;
    }

    /** Builds the stand-ins if needed and selects them; returns null, or why they are unusable. */
    static String prepare() {
        Path out = Path.of(System.getProperty(PROPERTY)).toAbsolutePath();
        Path sources = Path.of("src/test/emulator").toAbsolutePath();
        Path cuda = sources.resolve("../../main/cuda").normalize();
        Path driver = out.resolve("libcuda.so.1");
        Path cublas = out.resolve("libcublas.so.13");
        // Test JVMs run side by side: the first to get the lock builds, the others then find the
        // libraries fresh instead of compiling them again.
        try {
            Files.createDirectories(out);
            try (FileChannel lockFile = FileChannel.open(out.resolve(".build.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                if (stale(List.of(driver, cublas), List.of(sources, cuda))) {
                    String problem = build(sources.resolve("build.sh"), out);
                    if (problem != null) {
                        return problem;
                    }
                }
            }
        } catch (IOException e) {
            return "the CUDA emulator could not be built: " + e.getMessage();
        }
        System.setProperty("densekit.cuda.driver.path", driver.toString());
        System.setProperty("densekit.cublas.path", cublas.toString());
        return null;
    }

    private static boolean stale(List<Path> outputs, List<Path> sourceDirs) throws IOException {
        FileTime oldest = null;
        for (Path o : outputs) {
            if (!Files.exists(o)) {
                return true;
            }
            FileTime t = Files.getLastModifiedTime(o);
            oldest = oldest == null || t.compareTo(oldest) < 0 ? t : oldest;
        }
        for (Path dir : sourceDirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (Files.getLastModifiedTime(f).compareTo(oldest) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String build(Path script, Path out) throws IOException {
        Process p = new ProcessBuilder("bash", script.toString(), out.toString()).redirectErrorStream(true).start();
        String log;
        try {
            log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "the CUDA emulator's build did not finish in 5 minutes";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while building the CUDA emulator";
        }
        if (p.exitValue() == 3) {
            return "the CUDA emulator cannot be built here: " + log; // no compiler, not x86-64
        }
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed (exit " + p.exitValue() + "):\n" + log);
        }
        return null;
    }
}
