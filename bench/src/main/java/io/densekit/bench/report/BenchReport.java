package io.densekit.bench.report;

import io.densekit.bench.harness.Machine;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code densekit bench} run found, as its JSON: {@code machine}, {@code results}
 * (densekit kernels and peers), {@code ratios} (each kernel against each peer, from interleaved
 * rounds), {@code skipped} (with reasons), the kernels, each peer's configuration, the mode ("quick"
 * or "full") and how each case was timed.
 */
public record BenchReport(Machine machine, String mode, String timing, List<KernelEntry> kernels,
                          Map<String, String> peers, List<BenchResult> results, List<BenchRatio> ratios,
                          List<SkippedCase> skipped) {

    public BenchReport {
        kernels = List.copyOf(kernels);
        peers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(peers));
        results = List.copyOf(results);
        ratios = List.copyOf(ratios);
        skipped = List.copyOf(skipped);
    }
}
