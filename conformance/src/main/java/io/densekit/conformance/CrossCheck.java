package io.densekit.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares kernels with the reference kernel on the {@link DrawnCases} (every operation on drawn
 * shapes, and the seed MLP's training), and keeps the worst result of each operation. Every kernel
 * sees the same cases and operands (the same seed per dtype); the row-slice cases are left out, and
 * listed as not checked, for a kernel that declares its rows depend on their neighbours. This is
 * {@code densekit check}.
 */
public final class CrossCheck {
    private final KernelRegistry registry;

    public CrossCheck(KernelRegistry registry) {
        this.registry = registry;
    }

    /** What a check found: the worst case per operation, kernel and dtype, and what could not run. */
    public record Outcome(List<CheckResult> results, List<String> skipped, int cases) {
        public boolean ok() {
            return results.stream().allMatch(CheckResult::ok);
        }
    }

    /** Listens to a check as it moves from kernel to kernel. */
    public interface Listener {
        void checking(String kernel, DType dtype);
    }

    /**
     * Checks {@code kernelName}, or every available kernel but the reference when null. The named
     * kernel must be known and available; without a name, unavailable kernels are listed, not failed.
     */
    public Outcome run(String kernelName, List<DType> dtypes, CheckOptions options, Listener listener) {
        Kernel reference = registry.byName(ReferenceKernel.NAME);
        List<Kernel> kernels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (kernelName != null) {
            kernels.add(registry.byName(kernelName.trim().toLowerCase(Locale.ROOT)));
        } else {
            for (KernelRegistry.Info i : registry.list()) {
                if (i.name().equals(ReferenceKernel.NAME)) {
                    continue;
                }
                if (!i.available()) {
                    skipped.add(i.name() + ": " + i.availability().reason());
                    continue;
                }
                try {
                    kernels.add(registry.byName(i.name()));
                } catch (KernelUnavailableException | LinkageError e) {
                    skipped.add(i.name() + ": " + e.getMessage());
                }
            }
        }
        List<CheckResult> results = new ArrayList<>();
        int cases = 0;
        for (Kernel k : kernels) {
            for (DType dt : dtypes) {
                if (!k.dtypes().contains(dt)) {
                    skipped.add(k.name() + " " + dt + ": the kernel computes in " + k.dtypes() + " only");
                    continue;
                }
                listener.checking(k.name(), dt);
                Tally tally = new Tally(k.name(), dt);
                Optional<String> variance = k.rowSliceVariance();
                variance.ifPresent(v -> skipped.add(k.name() + " " + dt + " row slices: " + v));
                for (Case c : DrawnCases.of(dt, options)) {
                    if (variance.isPresent() && RowSliceCases.isRowSlice(c)) {
                        continue;
                    }
                    try {
                        c.run(reference, k, tally);
                    } catch (RuntimeException e) {
                        tally.failed(c.op(), c.name(), e);
                    }
                }
                results.addAll(tally.results());
                cases += tally.cases();
            }
        }
        return new Outcome(results, skipped, cases);
    }
}
