package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Describes this machine: the CPU from /proc/cpuinfo, the JDK, and what the kernels report. */
public final class MachineProbe {
    private static final Pattern BITS = Pattern.compile("(\\d+)-bit");

    private MachineProbe() {
    }

    public static Machine describe(KernelRegistry registry) {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        List<String> lines = readLines(cpuinfo);
        return new Machine(cpuModel(lines, cpuinfo), microarchitecture(lines, cpuinfo), Runtime.getRuntime().availableProcessors(),
                vectorWidth(registry), Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), gpu(registry),
                loadAverage(Path.of("/proc/loadavg")));
    }

    /** The lines of a file, or null where it cannot be read. */
    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first "model name" of a cpuinfo file, or what is known instead. */
    static String cpuModel(Path cpuinfo) {
        return cpuModel(readLines(cpuinfo), cpuinfo);
    }

    /** As above, from the file's lines (null: it was unreadable). */
    private static String cpuModel(List<String> lines, Path cpuinfo) {
        if (lines == null) {
            return System.getProperty("os.arch") + " (" + cpuinfo + " unreadable)";
        }
        return lines.stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                .orElse(System.getProperty("os.arch") + " (no model name in " + cpuinfo + ")");
    }

    /** The microarchitecture the cpuinfo lines' vendor, family and model name (see {@link Microarchitecture}). */
    private static String microarchitecture(List<String> lines, Path cpuinfo) {
        return lines == null ? "unknown (" + cpuinfo + " unreadable)" : Microarchitecture.fromCpuinfo(lines);
    }

    /** The first field of a loadavg file (the one-minute load), or "unknown". */
    static String loadAverage(Path loadavg) {
        try {
            String[] fields = Files.readString(loadavg).trim().split("\\s+");
            return fields[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** "512-bit" from the SIMD kernel's details, e.g. "Vector API 512-bit, 2 threads". */
    static String vectorWidth(KernelRegistry registry) {
        Optional<KernelRegistry.Info> simd = registry.list().stream().filter(i -> i.name().equals("simd")).findFirst();
        if (simd.isEmpty()) {
            return "unknown (no simd kernel registered)";
        }
        if (!simd.get().available()) {
            return "unknown (simd kernel unavailable: " + simd.get().availability().reason() + ")";
        }
        try {
            Matcher m = BITS.matcher(registry.byName("simd").details());
            return m.find() ? m.group(1) + "-bit" : "unknown (the simd kernel does not say)";
        } catch (KernelUnavailableException | LinkageError e) {
            return "unknown (simd kernel failed to start: " + e.getMessage() + ")";
        }
    }

    /** Every available kernel that computes off the CPU, with its device and details (driver, card). */
    static String gpu(KernelRegistry registry) {
        List<String> gpus = new ArrayList<>();
        for (KernelRegistry.Info i : registry.list()) {
            if (!i.available() || i.device().equals("cpu")) {
                continue;
            }
            try {
                Kernel k = registry.byName(i.name());
                gpus.add(k.device() + (k.details().isBlank() ? "" : " (" + k.details() + ")"));
            } catch (KernelUnavailableException | LinkageError e) {
                gpus.add(i.name() + " failed to start: " + e.getMessage());
            }
        }
        return gpus.isEmpty() ? "none" : String.join("; ", gpus);
    }
}
