package io.densekit.kernel.cuda.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CUDA sources and the committed PTX's header, read from the module folder: the working
 * directory of a Maven build, or kernels-cuda under the repository root, where the GPU machine's
 * scripts run the tests from.
 */
final class PtxSources {
    private static final Path MODULE = Files.isDirectory(Path.of("src/main/cuda")) ? Path.of("") : Path.of("kernels-cuda");
    static final Path SOURCES = MODULE.resolve("src/main/cuda");
    static final Path SCRIPT = MODULE.toAbsolutePath().resolve("../scripts/build-ptx.sh").normalize();

    private PtxSources() {
    }

    /** A "// densekit-KEY: value" header line of the PTX. */
    static String header(String ptx, String key) {
        Matcher m = Pattern.compile("^// densekit-" + Pattern.quote(key) + ": (.*)$", Pattern.MULTILINE).matcher(ptx);
        if (!m.find()) {
            throw new AssertionError("the PTX has no '// densekit-" + key + ":' header line; regenerate it with scripts/build-ptx.sh");
        }
        return m.group(1).trim();
    }

    /** The same SHA-256 scripts/build-ptx.sh writes: each source by name (byte order), then flags and ISA. */
    static String sourceHash(String nvccFlags, String isa) {
        try (Stream<Path> files = Files.list(SOURCES)) {
            List<Path> sources = files.filter(p -> p.getFileName().toString().matches(".*\\.(cu|cuh)"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : sources) {
                sha.update(("== " + p.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(p));
            }
            sha.update(("== flags\n" + nvccFlags + " isa=" + isa + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** nvcc on PATH, in $CUDA_HOME/bin or /usr/local/cuda/bin, as the script looks for it. */
    static Optional<Path> nvcc() {
        Stream<String> dirs = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)),
                Stream.of(System.getenv("CUDA_HOME") == null ? "" : System.getenv("CUDA_HOME") + "/bin",
                        "/usr/local/cuda/bin"));
        return dirs.filter(d -> !d.isBlank()).map(d -> Path.of(d, "nvcc")).filter(Files::isExecutable).findFirst();
    }

    /** The "release X.Y, VX.Y.Z" line nvcc writes into its PTX (and prints with --version). */
    static Optional<String> nvccRelease(String text) {
        Matcher m = Pattern.compile("release [0-9.]+, V[0-9.]+").matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
