package io.densekit.bench.report;

import io.densekit.bench.harness.Machine;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code densekit bench} run found, as its JSON: {@code machine}, {@code results}
 * (densekit kernels and external baselines), {@code skipped} (with reasons), the kernels and the
 * baselines' versions, the mode ("quick" or "full") and how each case was timed.
 */
public record BenchReport(Machine machine, String mode, String timing, List<KernelEntry> kernels,
                          Map<String, String> baselines, List<BenchResult> results, List<SkippedCase> skipped) {

    public BenchReport {
        kernels = List.copyOf(kernels);
        baselines = Map.copyOf(baselines);
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }
}
