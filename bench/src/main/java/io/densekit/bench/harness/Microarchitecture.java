package io.densekit.bench.harness;

import java.util.List;
import java.util.Map;

/**
 * Names a CPU's microarchitecture from the vendor, family and model that {@code /proc/cpuinfo}
 * gives, for the report's header: a figure means little without knowing whether it ran on Zen 3 or
 * Zen 5. The table holds the server parts benchmarks are run on; anything else is named by its numbers.
 */
public final class Microarchitecture {
    private record Models(int family, int lowModel, int highModel, String name) {
    }

    private static final Map<String, List<Models>> KNOWN = Map.of(
            "AuthenticAMD", List.of(
                    new Models(23, 0x00, 0x2f, "Zen / Zen+"),
                    new Models(23, 0x30, 0xff, "Zen 2"),
                    new Models(25, 0x00, 0x0f, "Zen 3"),
                    new Models(25, 0x10, 0x1f, "Zen 4"),
                    new Models(25, 0x20, 0x5f, "Zen 3"),
                    new Models(25, 0x60, 0xaf, "Zen 4"),
                    new Models(26, 0x00, 0xff, "Zen 5")),
            "GenuineIntel", List.of(
                    new Models(6, 0x3f, 0x3f, "Haswell"),
                    new Models(6, 0x4f, 0x4f, "Broadwell"),
                    new Models(6, 0x55, 0x55, "Skylake-SP / Cascade Lake"),
                    new Models(6, 0x6a, 0x6c, "Ice Lake-SP"),
                    new Models(6, 0x8f, 0x8f, "Sapphire Rapids"),
                    new Models(6, 0xcf, 0xcf, "Emerald Rapids"),
                    new Models(6, 0xad, 0xae, "Granite Rapids")));

    private Microarchitecture() {
    }

    /** "Zen 3 (AMD family 25 model 1)", or "unknown (GenuineIntel family 6 model 151)". */
    public static String name(String vendor, int family, int model) {
        String who = vendor.equals("AuthenticAMD") ? "AMD" : vendor.equals("GenuineIntel") ? "Intel" : vendor;
        String numbers = who + " family " + family + " model " + model;
        return KNOWN.getOrDefault(vendor, List.of()).stream()
                .filter(m -> m.family() == family && model >= m.lowModel() && model <= m.highModel())
                .findFirst().map(m -> m.name() + " (" + numbers + ")").orElse("unknown (" + numbers + ")");
    }

    /**
     * From the lines of a cpuinfo file; says what is missing when it cannot tell. An Intel model
     * number the table does not know (a hypervisor may present one that matches no part) is
     * followed by what the feature flags do tell.
     */
    public static String fromCpuinfo(List<String> lines) {
        String vendor = field(lines, "vendor_id");
        String family = field(lines, "cpu family");
        String model = field(lines, "model");
        if (vendor == null || family == null || model == null) {
            return "unknown (no vendor_id, cpu family and model in cpuinfo)";
        }
        String named;
        try {
            named = name(vendor, Integer.parseInt(family), Integer.parseInt(model));
        } catch (NumberFormatException e) {
            return "unknown (cpu family " + family + ", model " + model + ")";
        }
        String hint = named.startsWith("unknown") && vendor.equals("GenuineIntel") ? intelHint(field(lines, "flags")) : null;
        return hint == null ? named : named + "; " + hint;
    }

    /** What a server part's flags say when its model number says nothing. */
    static String intelHint(String flags) {
        if (flags == null) {
            return null;
        }
        List<String> f = List.of(flags.split("\\s+"));
        if (f.contains("amx_tile") && f.contains("avx512_fp16")) {
            return "its flags (AMX, AVX512-FP16) are those of Sapphire Rapids or newer";
        }
        if (f.contains("avx512f")) {
            return "its flags include AVX-512";
        }
        return null;
    }

    private static String field(List<String> lines, String key) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
                return l.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
