package io.densekit.bench.jmh;

import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which kernels a JMH run measures, decided before JMH starts (JMH has no way to skip a parameter
 * combination from inside a fork). Unavailable kernels, dtypes a kernel does not compute in, and
 * reference-kernel GEMM sizes above the cap are left out, each with its reason; the rest is split
 * into groups that share their parameter lists, one JMH run per group.
 *
 * @param groups  the runs to make; empty when nothing can run
 * @param skipped one line per thing left out, e.g. "cuda: no CUDA driver found"
 */
record KernelPlan(List<Group> groups, List<String> skipped) {

    /**
     * Kernels measured together. A null list keeps the run's own value of that parameter (the
     * user's {@code -p} or the benchmark's default); an empty {@code sizes} means the square GEMM
     * benchmark is left out of this group.
     */
    record Group(List<String> kernels, List<String> dtypes, List<String> sizes) {
    }

    /**
     * @param kernels         every registered kernel with its availability, in the registry's order
     * @param requested       kernel names asked for ({@code -p kernel=...}), or null for all registered
     * @param dtypes          dtypes the run asks for
     * @param sizes           square GEMM sizes the run asks for
     * @param referenceMaxSize the largest square GEMM size run on the reference kernel; 0: no cap
     */
    static KernelPlan of(List<KernelRegistry.Info> kernels, Collection<String> requested, List<String> dtypes,
                         List<String> sizes, int referenceMaxSize) {
        if (referenceMaxSize < 0) {
            throw new IllegalArgumentException("--reference-max-size must be 0 (no cap) or positive, got "
                    + referenceMaxSize);
        }
        List<String> skipped = new ArrayList<>();
        Map<List<List<String>>, List<String>> groups = new LinkedHashMap<>();
        for (KernelRegistry.Info info : choose(kernels, requested)) {
            if (!info.available()) {
                skipped.add(info.name() + ": " + info.availability().reason());
                continue;
            }
            List<String> runDtypes = supported(info, dtypes, skipped);
            if (runDtypes != null && runDtypes.isEmpty()) {
                continue;
            }
            List<String> runSizes = info.name().equals(ReferenceKernel.NAME) && referenceMaxSize > 0
                    ? capped(sizes, referenceMaxSize, skipped) : null;
            List<List<String>> key = new ArrayList<>();
            key.add(runDtypes);
            key.add(runSizes);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(info.name());
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, names) -> out.add(new Group(List.copyOf(names), key.get(0), key.get(1))));
        return new KernelPlan(List.copyOf(out), List.copyOf(skipped));
    }

    private static List<KernelRegistry.Info> choose(List<KernelRegistry.Info> kernels, Collection<String> requested) {
        if (requested == null) {
            return kernels;
        }
        List<KernelRegistry.Info> chosen = new ArrayList<>();
        for (String name : requested) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            KernelRegistry.Info info = kernels.stream().filter(i -> i.name().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown kernel '" + name + "' in -p kernel; "
                            + "known kernels: " + kernels.stream().map(KernelRegistry.Info::name)
                            .collect(Collectors.joining(", "))));
            if (!chosen.contains(info)) {
                chosen.add(info);
            }
        }
        return chosen;
    }

    /** The asked-for dtypes this kernel computes in; null when that is all of them. */
    private static List<String> supported(KernelRegistry.Info info, List<String> dtypes, List<String> skipped) {
        Set<String> has = Set.of(info.dtypes().split(","));
        List<String> runs = new ArrayList<>();
        for (String d : dtypes) {
            if (has.contains(DType.parse(d).toString())) {
                runs.add(d);
            } else {
                skipped.add(info.name() + " " + d + ": the kernel computes in " + info.dtypes() + " only");
            }
        }
        return runs.size() == dtypes.size() ? null : runs;
    }

    private static List<String> capped(List<String> sizes, int max, List<String> skipped) {
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String s : sizes) {
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("square GEMM size must be a whole number, got '" + s + "'");
            }
            (n <= max ? kept : dropped).add(s.trim());
        }
        if (!dropped.isEmpty()) {
            skipped.add(ReferenceKernel.NAME + ": square GEMM size " + String.join(",", dropped)
                    + " (above --reference-max-size " + max + "; it would take minutes per call)");
        }
        return kept;
    }
}
