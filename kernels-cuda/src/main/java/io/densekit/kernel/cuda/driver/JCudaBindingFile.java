package io.densekit.kernel.cuda.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import jcuda.JCudaVersion;
import jcuda.LibUtils;

/**
 * Puts JCuda's native driver binding where JCuda's own loader looks for it, written whole before
 * its name appears.
 *
 * <p>Why: JCuda unpacks {@code libJCudaDriver-*.so} from its natives jar into {@code java.io.tmpdir}
 * under a fixed name, and only when that name does not exist yet, writing the file in place. A
 * second JVM starting at the same moment (two test forks, two services on one host) sees the name
 * while the first is still writing, maps a half-written library and dies in the dynamic loader
 * with SIGBUS. Writing the same bytes to a private file and renaming it onto the fixed name means
 * the name only ever holds a complete library, so JCuda's existence check then finds a whole file.
 * A rename leaves a library another process has already mapped untouched (it keeps the old inode).
 *
 * <p>This touches no native code: {@link LibUtils} and {@link JCudaVersion} only build names.
 */
final class JCudaBindingFile {
    private JCudaBindingFile() {
    }

    /** The file name JCuda gives its driver binding on this platform, as its class initialiser does. */
    static String fileName() {
        return LibUtils.createLibraryFileName(LibUtils.createPlatformLibraryName("JCudaDriver-" + JCudaVersion.get()));
    }

    /**
     * Makes {@code java.io.tmpdir/<fileName()>} hold the binding from the natives jar. Never throws:
     * where the resource is missing or the folder cannot be written, JCuda's loader runs as it
     * would have and reports its own error, which {@link DriverProbe} turns into the problem.
     */
    static void prepare() {
        String name = fileName();
        byte[] binding;
        try (InputStream in = LibUtils.class.getResourceAsStream("/lib/" + name)) {
            if (in == null) {
                return;
            }
            binding = in.readAllBytes();
        } catch (IOException e) {
            return;
        }
        try {
            place(binding, Path.of(System.getProperty("java.io.tmpdir"), name));
        } catch (IOException | RuntimeException e) {
            // JCuda's loader gets its chance and names what is wrong.
        }
    }

    /**
     * Leaves {@code target} alone when it already holds exactly {@code content}; otherwise writes
     * the content to a private file beside it and renames that onto {@code target} in one step.
     */
    static void place(byte[] content, Path target) throws IOException {
        if (holds(target, content)) {
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, target.getFileName().toString() + ".", ".part");
        try {
            Files.write(part, content);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system without atomic rename in one folder: leave the name to JCuda.
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static boolean holds(Path target, byte[] content) {
        try {
            return Files.isRegularFile(target) && Files.size(target) == content.length
                    && Arrays.equals(Files.readAllBytes(target), content);
        } catch (IOException e) {
            return false;
        }
    }
}
