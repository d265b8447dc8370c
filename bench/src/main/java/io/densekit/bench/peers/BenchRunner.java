package io.densekit.bench.peers;

import io.densekit.bench.harness.BenchPlan;
import io.densekit.bench.harness.Measurement;
import io.densekit.bench.harness.RunListener;
import io.densekit.bench.harness.Skip;
import io.densekit.bench.harness.Stopwatch;
import io.densekit.bench.harness.TimingPlan;
import io.densekit.bench.harness.Workload;
import io.densekit.bench.report.BenchRatio;
import io.densekit.bench.rounds.InterleavedRounds;
import io.densekit.bench.rounds.RoundRatio;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times every workload of a plan on every chosen kernel that can run here and on every peer. Within
 * a case the kernels and peers take turns, round by round (see {@link InterleavedRounds}), and each
 * kernel's speed is set against each peer's round by round ({@link RoundRatio}). The reference
 * kernel, the yardstick of the speed-ups and no peer's contender, is timed alone: one call of it can
 * take seconds. A kernel or peer that is unavailable, fails to start or fails on a case is reported
 * with its reason; the run goes on.
 */
public final class BenchRunner {
    private final KernelRegistry registry;
    private final List<Peer> peers;
    private final RunListener listener;

    public BenchRunner(KernelRegistry registry, List<Peer> peers, RunListener listener) {
        this.registry = registry;
        this.peers = List.copyOf(peers);
        this.listener = listener;
    }

    /** What a run produced: the measurements, each kernel against each peer, and the cases left out with their reasons. */
    public record Outcome(List<Measurement> measurements, List<RoundRatio<BenchRatio.Case>> ratios, List<Skip> skipped) {
    }

    /** {@code kernels}: names to run, in the registry's order; empty for every registered kernel. */
    public Outcome run(List<String> kernels, BenchPlan plan) {
        List<Kernel> started = new ArrayList<>();
        List<Measurement> measured = new ArrayList<>();
        List<RoundRatio<BenchRatio.Case>> ratios = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (KernelRegistry.Info info : choose(kernels)) {
            Kernel k = start(info, skipped);
            if (k != null) {
                started.add(k);
            }
        }
        listener.started(plan.dtypes().size() * plan.workloads().size());
        for (DType dtype : plan.dtypes()) {
            for (Kernel k : started) {
                if (!k.dtypes().contains(dtype)) {
                    skipped.add(new Skip(k.name(), dtype, null, "computes in " + k.dtypes() + " only"));
                }
            }
            for (Workload w : plan.workloads()) {
                listener.timing(dtype + " " + w.op() + " " + w.label());
                runCase(started.stream().filter(k -> k.dtypes().contains(dtype)).toList(), dtype, w, plan,
                        measured, ratios, skipped);
                listener.done();
            }
        }
        listener.finished();
        return new Outcome(measured, ratios, skipped);
    }

    private void runCase(List<Kernel> kernels, DType dtype, Workload w, BenchPlan plan, List<Measurement> measured,
                         List<RoundRatio<BenchRatio.Case>> ratios, List<Skip> skipped) {
        List<CaseContender> contenders = new ArrayList<>();
        try {
            for (Kernel k : kernels) {
                if (k.name().equals(ReferenceKernel.NAME)) {
                    measureAlone(k, dtype, w, plan, measured, skipped);
                    continue;
                }
                try {
                    Workload.Prepared p = w.prepare(k, dtype);
                    contenders.add(new CaseContender(k.name(), false, TimedCase.of(p::run, p::close)));
                } catch (RuntimeException | OutOfMemoryError e) {
                    skipped.add(new Skip(k.name(), dtype, w, "failed to start: " + e));
                }
            }
            for (Peer peer : peers) {
                if (peer.unsupported(w, dtype) != null) {
                    continue; // its configuration in the header says what it runs ("GEMM only")
                }
                try {
                    contenders.add(new CaseContender(peer.name(), true, peer.prepare(w, dtype)));
                } catch (RuntimeException | OutOfMemoryError e) {
                    skipped.add(new Skip(peer.name(), dtype, w, "failed to start: " + e.getMessage()));
                }
            }
            if (contenders.isEmpty()) {
                return;
            }
            TimingPlan t = plan.timing();
            try {
                InterleavedRounds.run(contenders, t.warmupNanos(), t.sampleNanos(), t.samples(), settleNanos(t));
            } catch (RuntimeException | OutOfMemoryError e) {
                // One failing case must not end the comparison of the others; it is reported instead.
                contenders.forEach(c -> skipped.add(new Skip(c.name(), dtype, w, "failed: " + e.getMessage())));
                return;
            }
            BenchRatio.Case subject = new BenchRatio.Case(w, dtype);
            for (CaseContender c : contenders) {
                measured.add(new Measurement(c.name(), c.external(), dtype, w, c.timing()));
            }
            for (CaseContender kernel : contenders) {
                for (CaseContender peer : contenders) {
                    if (!kernel.external() && peer.external()) {
                        ratios.add(RoundRatio.of(subject, kernel.name(), kernel.roundRates(), peer.name(),
                                peer.roundRates()));
                    }
                }
            }
        } finally {
            for (CaseContender c : contenders) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    skipped.add(new Skip(c.name(), dtype, w, "failed to free its operands: " + e.getMessage()));
                }
            }
        }
    }

    /**
     * The idle time before each timed round (see {@link InterleavedRounds}): 0.15 s, longer than
     * OpenBLAS's idle threads spin on a 2 GHz core, or five rounds' time where rounds are shorter
     * (the tests' plan).
     */
    public static long settleNanos(TimingPlan t) {
        return Math.min(SETTLE_NANOS, 5 * t.sampleNanos());
    }

    static final long SETTLE_NANOS = 150_000_000L;

    private void measureAlone(Kernel kernel, DType dtype, Workload w, BenchPlan plan, List<Measurement> measured,
                              List<Skip> skipped) {
        if (w.flops() > plan.referenceMaxFlops()) {
            skipped.add(new Skip(kernel.name(), dtype, w, plan.referenceSkipReason()));
            return;
        }
        try (Workload.Prepared p = w.prepare(kernel, dtype)) {
            measured.add(new Measurement(kernel.name(), false, dtype, w, Stopwatch.measure(p::run, plan.timing())));
        } catch (RuntimeException | OutOfMemoryError e) {
            skipped.add(new Skip(kernel.name(), dtype, w, "failed: " + e));
        }
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
}
