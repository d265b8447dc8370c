package io.densekit.kernel.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a tuned plan was measured on: the CPU model and the JDK. A plan measured elsewhere says
 * nothing about this machine (another CPU has other caches and vector units; another JDK compiles
 * the kernels differently), so {@link PlanCache} uses a plan only where both match.
 *
 * @param cpu the CPU model as the system names it ({@code model name} in /proc/cpuinfo), or the OS and
 *            architecture where there is no such file
 * @param jdk the full JDK version ({@link Runtime#version()})
 */
public record MachineKey(String cpu, String jdk) {
    public MachineKey {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(jdk, "jdk");
    }

    /** This machine and this JVM. */
    public static MachineKey current() {
        return new MachineKey(cpuModel(Path.of("/proc/cpuinfo")), Runtime.version().toString());
    }

    /** The first {@code model name} of a /proc/cpuinfo-style file, else {@code os.name os.arch}. */
    static String cpuModel(Path cpuinfo) {
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                String model = lines.filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .filter(v -> !v.isEmpty())
                        .findFirst().orElse(null);
                if (model != null) {
                    return model;
                }
            } catch (IOException | UncheckedIOException e) {
                // fall through to the OS's names: a key that is less precise but still stable
            }
        }
        return System.getProperty("os.name", "unknown OS") + " " + System.getProperty("os.arch", "unknown arch");
    }
}
