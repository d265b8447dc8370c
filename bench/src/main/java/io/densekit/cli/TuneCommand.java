package io.densekit.cli;

import io.densekit.kernel.Availability;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.simd.GemmPlan;
import io.densekit.kernel.simd.MachineKey;
import io.densekit.kernel.simd.PlanCache;
import io.densekit.kernel.simd.PlanSearch;
import io.densekit.kernel.simd.SimdConfig;
import io.densekit.kernel.simd.SimdKernelProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densekit tune}: measures the simd kernel's GEMM plans on this machine and caches the fastest. */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
        // One paragraph: picocli wraps it to the terminal (each element of an array is a line of its own).
        description = "Measure a handful of GEMM plans of the simd kernel (where the register block starts, blocking, "
                + "thread split) for a few seconds, print each one's time, and keep the fastest in the cache "
                + "($XDG_CACHE_HOME/densekit or ~/.cache/densekit) for this CPU and JDK, where the simd kernel finds "
                + "it. Every plan gives the same bits: only the speed changes.")
final class TuneCommand implements Callable<Integer> {

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of the kernel to tune for (default: densekit.simd.threads, else every processor).")
    Integer threads;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Keep the plan here instead of the user's cache.")
    Path cacheDir;

    @Option(names = "--dry-run", description = "Measure and print, but write nothing.")
    boolean dryRun;

    @Option(names = "--sizes", split = ",", paramLabel = "N,...",
            description = "Measure square float32 GEMMs of these sizes instead of the standard workloads.")
    List<Integer> sizes;

    @Spec
    CommandSpec spec;

    private final Function<SimdConfig, PlanSearch> searches;

    TuneCommand() {
        this(PlanSearch::standard);
    }

    /** With another search (tests: tiny workloads on a fake clock). */
    TuneCommand(Function<SimdConfig, PlanSearch> searches) {
        this.searches = searches;
    }

    @Override
    public Integer call() throws IOException {
        Availability simd = new SimdKernelProvider().availability();
        if (!simd.available()) {
            throw new KernelUnavailableException("cannot tune the simd kernel: " + simd.reason());
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        SimdConfig config = SimdConfig.fromSystemProperties();
        if (threads != null) {
            config = config.withThreads(threads);
        }
        MachineKey machine = MachineKey.current();
        PlanCache cache = cacheDir == null ? PlanCache.forUser() : new PlanCache(cacheDir, machine);
        PlanSearch search = searches.apply(config);
        if (sizes != null) {
            search = search.withWorkloads(squares(sizes));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Tuning the simd kernel's GEMM for " + config.threads() + " thread" + (config.threads() == 1 ? "" : "s")
                + " on " + machine.cpu() + ", JDK " + machine.jdk() + " (per workload the fastest of its timed rounds, in"
                + " microseconds; SCORE: the mean time relative to the built-in plan, lower is faster)");
        out.flush();
        PlanSearch.Result result = search.run();
        if (result.failure() != null) {
            spec.commandLine().getErr().println("densekit tune: warning: " + result.failure());
            spec.commandLine().getErr().flush();
        }
        print(out, search, result);
        if (dryRun) {
            out.println("dry run: " + cache.file() + " left as it was");
        } else if (result.failure() == null) {
            cache.write(result.chosen());
            out.println("wrote " + cache.file());
        }
        out.flush();
        return 0;
    }

    private static List<PlanSearch.Workload> squares(List<Integer> sizes) {
        List<PlanSearch.Workload> w = new ArrayList<>();
        for (int n : sizes) {
            if (n < 1 || n > 8192) {
                throw new IllegalArgumentException("--sizes must be between 1 and 8192, got " + n);
            }
            w.add(new PlanSearch.Workload(n, n, n, false));
        }
        return w;
    }

    private static void print(PrintWriter out, PlanSearch search, PlanSearch.Result result) {
        List<String> headers = new ArrayList<>(List.of(">#", "PLAN", ">SCORE"));
        search.workloads().forEach(w -> headers.add(">" + w));
        headers.add("NOTE");
        Table t = new Table("", headers.toArray(String[]::new));
        int chosen = -1;
        for (int i = 0; i < result.measured().size(); i++) {
            PlanSearch.Measured m = result.measured().get(i);
            List<Object> row = new ArrayList<>(List.of(i + 1, m.plan().describe(),
                    Double.isNaN(m.score()) ? "-" : String.format(Locale.ROOT, "%.3f", m.score())));
            for (long ns : m.nanos()) {
                row.add(ns == Long.MAX_VALUE ? "-" : String.format(Locale.ROOT, "%.1f", ns / 1e3));
            }
            boolean isChosen = m.plan().equals(result.chosen()) && chosen < 0;
            if (isChosen) {
                chosen = i + 1;
            }
            row.add(m.rejected() != null ? "rejected: " + m.rejected() : i == 0 ? "built-in" : isChosen ? "chosen" : "");
            t.add(row.toArray());
        }
        t.print(out);
        GemmPlan plan = result.chosen();
        out.println("chosen: " + (chosen == 1 || chosen < 0 ? "the built-in plan" : "#" + chosen) + " (" + plan.describe() + ")");
    }
}
