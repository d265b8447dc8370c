package io.densekit.kernel.simd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a tuned plan was measured on: the CPU model and the JDK. A plan measured elsewhere says
 * nothing about this machine (another CPU has other caches and vector units; another JDK compiles
 * the kernels differently), so {@link PlanCache} uses a plan only where both match.
 *
 * @param cpu the CPU model as the system names it ({@code model name} in /proc/cpuinfo, with its family,
 *            model, stepping and a digest of its flags), or the OS and architecture where there is no such file
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

    /**
     * The first processor's {@code model name} of a /proc/cpuinfo-style file, followed by its family,
     * model and stepping and a digest of its feature flags where the file has them, else {@code
     * os.name os.arch}. A hypervisor may give different CPUs one model name (two Xeon guests here,
     * of different generations, were both "Intel(R) Xeon(R) Processor"), and a plan measured on one
     * would be wrong for the other; the numbers and flags tell them apart.
     */
    static String cpuModel(Path cpuinfo) {
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                Map<String, String> first = new LinkedHashMap<>();
                lines.takeWhile(l -> !(l.isBlank() && !first.isEmpty())).forEach(l -> {
                    int colon = l.indexOf(':');
                    if (colon > 0) {
                        first.putIfAbsent(l.substring(0, colon).trim(), l.substring(colon + 1).trim());
                    }
                });
                String model = first.get("model name");
                if (model != null && !model.isEmpty()) {
                    return model + details(first);
                }
            } catch (IOException | UncheckedIOException e) {
                // fall through to the OS's names: a key that is less precise but still stable
            }
        }
        return System.getProperty("os.name", "unknown OS") + " " + System.getProperty("os.arch", "unknown arch");
    }

    /** " (family 6 model 167 stepping 1, flags 1a2b3c4d)", with what of it the file gives; "" for none. */
    private static String details(Map<String, String> cpu) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("cpu family", "model", "stepping")) {
            String v = cpu.get(key);
            if (v != null && !v.isEmpty()) {
                parts.add((key.equals("cpu family") ? "family" : key) + " " + v);
            }
        }
        String flags = cpu.get("flags");
        if (flags != null && !flags.isEmpty()) {
            // String.hashCode is specified, so the digest is the same in every JVM.
            String sorted = String.join(" ", new TreeSet<>(List.of(flags.split("\\s+"))));
            parts.add("flags " + String.format("%08x", sorted.hashCode()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts).replaceFirst(", flags", "; flags") + ")";
    }
}
