package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times every workload of a plan on every chosen kernel that can run here. A kernel that is
 * unavailable, fails to start or fails on a case is reported with its reason; the run goes on.
 */
public final class BenchRunner {
    private final KernelRegistry registry;
    private final RunListener listener;

    public BenchRunner(KernelRegistry registry, RunListener listener) {
        this.registry = registry;
        this.listener = listener;
    }

    /** What a run produced: the measurements and the cases left out, with their reasons. */
    public record Outcome(List<Measurement> measurements, List<Skip> skipped) {
    }

    /** {@code kernels}: names to run, in the registry's order; empty for every registered kernel. */
    public Outcome run(List<String> kernels, BenchPlan plan) {
        List<KernelRegistry.Info> chosen = choose(kernels);
        List<Measurement> measured = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        listener.started(chosen.size() * plan.dtypes().size() * plan.workloads().size());
        for (KernelRegistry.Info info : chosen) {
            Kernel kernel = start(info, skipped);
            for (DType dtype : plan.dtypes()) {
                boolean runs = kernel != null && kernel.dtypes().contains(dtype);
                if (kernel != null && !runs) {
                    skipped.add(new Skip(info.name(), dtype, null, "computes in " + info.dtypes() + " only"));
                }
                for (Workload w : plan.workloads()) {
                    if (runs) {
                        measure(kernel, dtype, w, plan, measured, skipped);
                    }
                    listener.done();
                }
            }
        }
        listener.finished();
        return new Outcome(measured, skipped);
    }

    private List<KernelRegistry.Info> choose(List<String> names) {
        List<KernelRegistry.Info> all = registry.list();
        for (String n : names) {
            if (all.stream().noneMatch(i -> i.name().equals(n.trim().toLowerCase(Locale.ROOT)))) {
                throw new IllegalArgumentException("unknown kernel '" + n + "' in --kernels; known kernels: "
                        + String.join(", ", registry.names()));
            }
        }
        return all.stream().filter(i -> names.isEmpty()
                || names.stream().anyMatch(n -> n.trim().toLowerCase(Locale.ROOT).equals(i.name()))).toList();
    }

    private Kernel start(KernelRegistry.Info info, List<Skip> skipped) {
        if (!info.available()) {
            skipped.add(Skip.engine(info.name(), info.availability().reason()));
            return null;
        }
        try {
            return registry.byName(info.name());
        } catch (KernelUnavailableException | LinkageError e) {
            skipped.add(Skip.engine(info.name(), e.getMessage()));
            return null;
        }
    }

    private void measure(Kernel kernel, DType dtype, Workload w, BenchPlan plan, List<Measurement> measured,
                         List<Skip> skipped) {
        if (kernel.name().equals(ReferenceKernel.NAME) && w.flops() > plan.referenceMaxFlops()) {
            skipped.add(new Skip(kernel.name(), dtype, w, plan.referenceSkipReason()));
            return;
        }
        listener.timing(kernel.name() + " " + dtype + " " + w.op() + " " + w.label());
        try (Workload.Prepared p = w.prepare(kernel, dtype)) {
            measured.add(new Measurement(kernel.name(), false, dtype, w, Stopwatch.measure(p::run, plan.timing())));
        } catch (RuntimeException | OutOfMemoryError e) {
            // One failing case must not end the comparison of the others; it is reported instead.
            skipped.add(new Skip(kernel.name(), dtype, w, "failed: " + e));
        }
    }
}
