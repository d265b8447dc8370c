package io.densekit.bench.check;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares kernels with the reference kernel, operation by operation on random shapes and on the
 * seed MLP's training, and keeps the worst case of each operation. Every kernel sees the same
 * operands (the same seed per dtype).
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
                RandomOperands random = new RandomOperands(options.seed() * 31 + dt.ordinal());
                for (OpCheck c : checks(options)) {
                    c.run(reference, k, random, tally);
                }
                results.addAll(tally.results());
                cases += tally.cases();
            }
        }
        return new Outcome(results, skipped, cases);
    }

    static List<OpCheck> checks(CheckOptions o) {
        return List.of(new GemmCheck(o.shapes(), o.maxSize()), new BiasCheck(o.shapes(), o.maxSize()),
                new ActivationCheck(Math.max(1, o.shapes() / 2), o.maxSize()),
                new DenseCheck(Math.max(1, o.shapes() / 2), o.maxSize()), new LossCheck(o.shapes(), o.maxSize()),
                new OptimizerCheck(o.maxSize()), new TrainingCheck(o.steps()));
    }
}
