package io.densekit.cli;

import io.densekit.bench.harness.BenchPlan;
import io.densekit.bench.harness.GemmWorkload;
import io.densekit.bench.harness.Machine;
import io.densekit.bench.harness.MachineProbe;
import io.densekit.bench.harness.RunListener;
import io.densekit.bench.harness.Skip;
import io.densekit.bench.harness.StepWorkload;
import io.densekit.bench.harness.TimingPlan;
import io.densekit.bench.harness.Workload;
import io.densekit.bench.peers.BenchRunner;
import io.densekit.bench.peers.PeerLineup;
import io.densekit.bench.peers.PeerThreads;
import io.densekit.bench.peers.PythonPeers;
import io.densekit.bench.report.BenchRatio;
import io.densekit.bench.report.BenchReport;
import io.densekit.bench.report.ChartFiles;
import io.densekit.bench.report.Figures;
import io.densekit.bench.report.JsonReport;
import io.densekit.bench.report.KernelEntry;
import io.densekit.bench.report.ReportHeader;
import io.densekit.bench.report.ResultTable;
import io.densekit.bench.report.SkippedCase;
import io.densekit.bench.report.TerminalBar;
import io.densekit.bench.report.TerminalProgress;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.DType;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densekit bench}: GEMM and training-step speed of every kernel, beside numpy and PyTorch. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = BenchInferCommand.class,
        description = "Measure the kernels: square GEMM in GFLOP/s and training steps in samples/s, with the"
                + " speed-up over the reference kernel and the ratio to each peer: OpenBLAS 0.3.31 inside the JVM"
                + " (GEMM), numpy and PyTorch when /usr/bin/python3 (or --python) has them, each at its best"
                + " configuration (printed in the header). Within a case kernels and peers take turns, round by"
                + " round; a ratio is the median of the paired round ratios with a 95%% interval, \"tie\" where it"
                + " holds 1.0. Predictions: densekit bench infer.")
final class BenchCommand implements Callable<Integer> {
    static final List<Integer> QUICK_SIZES = List.of(64, 128, 256, 512, 1024);
    static final List<Integer> FULL_SIZES = List.of(64, 128, 256, 512, 1024, 2048, 4096);

    @Parameters(index = "0", arity = "0..1", defaultValue = "all", paramLabel = "WHAT",
            description = "gemm (square GEMM), layer (the three GEMMs of a 784 -> 128 layer at batch 512), step, or"
                    + " all of them (default); infer is a command of its own (bench infer --help).")
    String what;

    @Option(names = "--kernels", split = ",", paramLabel = "NAME", description = "Kernels to measure (default: all).")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default both).")
    DType dtype;

    @Option(names = "--sizes", split = ",", paramLabel = "N", description = "Square GEMM sizes "
            + "(default 64..1024 with --quick, 64..4096 otherwise).")
    List<Integer> sizes;

    @Option(names = "--quick", description = "Rounds of about 30 ms and sizes up to 1024: a few minutes on an idle machine.")
    boolean quick;

    @Option(names = "--reference-limit", paramLabel = "N", description = "Run the reference kernel only on work up "
            + "to that of an N^3 GEMM (default 256 with --quick, 1024 otherwise): it is far slower than the others.")
    Integer referenceLimit;

    @Option(names = "--peers", split = ",", paramLabel = "PEER", description = "Peers to compare with: openblas"
            + " (OpenBLAS from org.bytedeco:openblas, in this JVM), numpy, torch (default: all three).")
    List<String> peerNames = new ArrayList<>(PeerLineup.NAMES);

    @Option(names = "--no-baselines", description = "Compare with no peer (the same as an empty --peers).")
    boolean noBaselines;

    @Option(names = "--python", paramLabel = "FILE", description = "The Python interpreter that times numpy and "
            + "PyTorch (default /usr/bin/python3). On a GPU machine, one whose PyTorch has CUDA.")
    Path python = PythonPeers.PYTHON;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON here.")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write charts here (.png or .svg); with gemm and "
            + "step, the step chart goes beside it with -step added to the name.")
    Path chart;

    /** Tests only: a few milliseconds per case, so that the whole pipeline runs fast; the figures mean nothing. */
    @Option(names = "--test-timing", hidden = true)
    boolean testTiming;

    @Spec
    CommandSpec spec;

    private final KernelRegistry registry;

    BenchCommand() {
        this(null);
    }

    /** With the kernels of {@code registry} instead of those on the class path (tests). */
    BenchCommand(KernelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        BenchPlan plan = plan();
        checkFiles();
        KernelRegistry kernelRegistry = registry == null ? Kernels.registry() : registry;
        PrintWriter out = spec.commandLine().getOut();
        Machine machine = MachineProbe.describe(kernelRegistry);
        ReportHeader.printMachine(machine, out);
        out.flush();
        RunListener progress = TerminalBar.isTerminal() ? new TerminalProgress(System.err) : RunListener.NONE;
        List<String> wanted = noBaselines ? List.of() : peerNames.stream().map(p -> p.trim().toLowerCase(Locale.ROOT))
                .toList();
        BenchRunner.Outcome measured;
        List<Skip> skipped = new ArrayList<>();
        Map<String, String> configurations;
        try (PeerLineup peers = PeerLineup.start(wanted, python, PythonPeers.locateScript(), PeerThreads.ofKernels())) {
            skipped.addAll(peers.skipped());
            configurations = peers.configurations();
            measured = new BenchRunner(kernelRegistry, peers.peers(), progress).run(kernels, plan);
        }
        skipped.addAll(measured.skipped());
        BenchReport report = new BenchReport(machine, quick ? "quick" : "full", describe(plan.timing()),
                KernelEntry.list(kernelRegistry), configurations, Figures.results(measured.measurements()),
                measured.ratios().stream().map(BenchRatio::of).toList(),
                skipped.stream().map(SkippedCase::of).toList());
        ReportHeader.printKernels(report, out);
        ResultTable.printAll(report, out);
        if (json != null) {
            JsonReport.write(report, json);
            out.println("wrote " + json);
        }
        if (chart != null) {
            ChartFiles.write(report, chart).forEach(f -> out.println("wrote " + f));
        }
        out.flush();
        return 0;
    }

    private BenchPlan plan() {
        String w = what.trim().toLowerCase(Locale.ROOT);
        require(List.of("gemm", "layer", "step", "all").contains(w), "unknown benchmark '" + what
                + "'; expected gemm, layer, step or all");
        List<Integer> gemmSizes = sizes != null ? sizes : quick ? QUICK_SIZES : FULL_SIZES;
        for (int s : gemmSizes) {
            require(s > 0 && s <= 16_384, "--sizes must lie in 1..16384, got " + s);
        }
        require(sizes == null || w.equals("gemm") || w.equals("all"), "--sizes applies to gemm, not to " + w);
        int limit = referenceLimit != null ? referenceLimit : quick ? 256 : 1024;
        require(limit > 0, "--reference-limit must be positive, got " + limit);
        for (String p : peerNames) {
            require(PeerLineup.NAMES.contains(p.trim().toLowerCase(Locale.ROOT)), "unknown peer '" + p
                    + "' in --peers; expected " + String.join(", ", PeerLineup.NAMES));
        }
        List<Workload> workloads = new ArrayList<>();
        boolean all = w.equals("all");
        if (all || w.equals("gemm")) {
            gemmSizes.stream().distinct().sorted().forEach(s -> workloads.add(GemmWorkload.square(s)));
        }
        if (all || w.equals("layer")) {
            workloads.addAll(GemmWorkload.layer());
        }
        if (all || w.equals("step")) {
            workloads.addAll(StepWorkload.standard());
        }
        TimingPlan timing = testTiming ? TimingPlan.tiny() : quick ? TimingPlan.quick() : TimingPlan.full();
        List<DType> dtypes = dtype != null ? List.of(dtype) : List.of(DType.F32, DType.F64);
        return new BenchPlan(workloads, dtypes, timing, limit);
    }

    private void checkFiles() {
        if (chart != null) {
            try {
                ChartFiles.requireSupported(chart);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--chart " + e.getMessage());
            }
            requireFolder(chart, "--chart");
        }
        if (json != null) {
            requireFolder(json, "--json");
        }
    }

    private void requireFolder(Path file, String option) {
        Path parent = file.toAbsolutePath().getParent();
        require(parent != null && Files.isDirectory(parent), option + " " + file + ": the folder " + parent
                + " does not exist");
        require(!Files.isDirectory(file), option + " " + file + " is a directory, expected a file name");
    }

    private static String describe(TimingPlan t) {
        return String.format(Locale.ROOT, "each case: every contender warmed up for at least %d ms, then %d rounds of"
                        + " about %d ms, contenders taking turns, %d ms idle before each; the median round is reported"
                        + " (the reference kernel, timed alone: the median of %d samples)", t.warmupNanos() / 1_000_000,
                t.samples(), t.sampleNanos() / 1_000_000, BenchRunner.settleNanos(t) / 1_000_000, t.samples());
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
