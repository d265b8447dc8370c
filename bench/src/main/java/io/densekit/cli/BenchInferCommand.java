package io.densekit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.densekit.bench.harness.MachineProbe;
import io.densekit.bench.harness.RunListener;
import io.densekit.bench.infer.InferenceBench;
import io.densekit.bench.infer.InferenceCase;
import io.densekit.bench.infer.InferenceModel;
import io.densekit.bench.infer.InferencePeer;
import io.densekit.bench.infer.InferenceResult;
import io.densekit.bench.infer.InferenceTiming;
import io.densekit.bench.infer.KernelPeer;
import io.densekit.bench.infer.OrtPeer;
import io.densekit.bench.rounds.RoundRatio;
import io.densekit.bench.report.ReportHeader;
import io.densekit.bench.report.TerminalBar;
import io.densekit.bench.report.TerminalProgress;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.DType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densekit bench infer}: prediction latency and rows/s of every kernel (and any other
 * {@link InferencePeer}) on the same models, weights and inputs, peers taking turns in each case.
 */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure predictions (Sequential.predict): p50 and p99 latency per call and rows/s, for"
                + " each model, dtype, batch and number of calling threads, on every available kernel. Within a"
                + " case the kernels take turns round by round (A B A B ...); rows/s is the median round, with"
                + " the slowest and fastest.")
final class BenchInferCommand implements Callable<Integer> {
    static final List<Integer> BATCHES = List.of(1, 8, 64, 512);

    @Option(names = "--kernels", split = ",", paramLabel = "NAME", description = "Kernels to measure (default: all).")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "mnist (784,128:relu,64:relu,10), seed (6,32:tanh,32:softmax,32:sigmoid,32:relu,3); default both.")
    List<String> models = List.of("mnist", "seed");

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default both).")
    DType dtype;

    @Option(names = "--batches", split = ",", paramLabel = "N", description = "Rows per call (default 1,8,64,512).")
    List<Integer> batches = BATCHES;

    @Option(names = "--threads", split = ",", paramLabel = "N", description = "Calling threads (default 1,2).")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--no-onnxruntime", description = "Leave out ONNX Runtime (by default it runs the file Onnx.write"
            + " produces, beside the kernels, in the same rounds).")
    boolean noOnnxRuntime;

    @Option(names = "--ort-threads", split = ",", paramLabel = "N",
            description = "ONNX Runtime's intra-op threads; several values run one ONNX Runtime per value"
                    + " (named onnxruntime-tN), so each kernel is compared with its best configuration"
                    + " (default: the number of cores).")
    List<Integer> ortThreads;

    @Option(names = "--quick", description = "About a second per kernel and case instead of a few.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON here.")
    Path json;

    /** Tests only: a few milliseconds per case; the figures mean nothing. */
    @Option(names = "--test-timing", hidden = true)
    boolean testTiming;

    @Spec
    CommandSpec spec;

    private final KernelRegistry registry;

    BenchInferCommand() {
        this(null);
    }

    /** With the kernels of {@code registry} instead of those on the class path (tests). */
    BenchInferCommand(KernelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        List<InferenceCase> cases = cases();
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            require(parent != null && Files.isDirectory(parent), "--json " + json + ": the folder " + parent
                    + " does not exist");
        }
        KernelRegistry kernelRegistry = registry == null ? Kernels.registry() : registry;
        List<InferencePeer> peers = peers(kernelRegistry);
        PrintWriter out = spec.commandLine().getOut();
        ReportHeader.printMachine(MachineProbe.describe(kernelRegistry), out);
        peers.stream().filter(p -> p instanceof OrtPeer).forEach(p -> out.println("peer: " + ((OrtPeer) p).describe()));
        out.flush();
        RunListener progress = TerminalBar.isTerminal() ? new TerminalProgress(System.err) : RunListener.NONE;
        InferenceTiming timing = testTiming ? InferenceTiming.tiny() : quick ? InferenceTiming.quick()
                : InferenceTiming.full();
        InferenceBench.Outcome outcome = new InferenceBench(peers, progress).run(cases, timing);
        print(outcome, timing, out);
        if (json != null) {
            writeJson(outcome, json);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private List<InferenceCase> cases() {
        List<InferenceModel> chosen = new ArrayList<>();
        for (String m : models) {
            try {
                chosen.add(InferenceModel.named(m));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--models: " + e.getMessage());
            }
        }
        for (int b : batches) {
            require(b >= 1 && b <= 1 << 20, "--batches must lie in 1..1048576, got " + b);
        }
        for (int t : threads) {
            require(t >= 1 && t <= 256, "--threads must lie in 1..256, got " + t);
        }
        List<DType> dtypes = dtype != null ? List.of(dtype) : List.of(DType.F32, DType.F64);
        List<InferenceCase> cases = new ArrayList<>();
        for (InferenceModel m : chosen.stream().distinct().toList()) {
            for (DType dt : dtypes) {
                for (int b : batches.stream().distinct().sorted().toList()) {
                    for (int t : threads.stream().distinct().sorted().toList()) {
                        cases.add(new InferenceCase(m, dt, b, t));
                    }
                }
            }
        }
        return cases;
    }

    private List<InferencePeer> peers(KernelRegistry r) {
        List<KernelRegistry.Info> all = r.list();
        for (String n : kernels) {
            require(all.stream().anyMatch(i -> i.name().equals(n.trim().toLowerCase(Locale.ROOT))),
                    "unknown kernel '" + n + "' in --kernels; known kernels: " + String.join(", ", r.names()));
        }
        List<InferencePeer> peers = new ArrayList<>();
        for (KernelRegistry.Info info : all) {
            if (kernels.isEmpty() || kernels.stream().anyMatch(n -> n.trim().toLowerCase(Locale.ROOT).equals(info.name()))) {
                peers.add(new KernelPeer(r, info));
            }
        }
        if (!noOnnxRuntime) {
            List<Integer> configs = ortThreads == null ? List.of(Runtime.getRuntime().availableProcessors()) : ortThreads;
            for (int n : configs) {
                require(n > 0, "--ort-threads must be positive, got " + n);
                peers.add(configs.size() == 1 ? new OrtPeer(n) : new OrtPeer(n, InferenceBench.REFERENCE_PEER + "-t" + n));
            }
        }
        return peers;
    }

    private static void print(InferenceBench.Outcome outcome, InferenceTiming timing, PrintWriter out) {
        out.printf(Locale.ROOT, "%nwarm-up at least %d ms per peer and case (until its speed settles), then %d rounds of about %d ms, peers taking"
                        + " turns; latency over every call, rows/s: median round [slowest..fastest]%n",
                timing.warmupNanos() / 1_000_000, timing.rounds(), timing.roundNanos() / 1_000_000);
        Map<String, List<InferenceResult>> byModel = new LinkedHashMap<>();
        for (InferenceResult r : outcome.results()) {
            byModel.computeIfAbsent(r.inferenceCase().model().name() + " " + r.inferenceCase().dtype(),
                    k -> new ArrayList<>()).add(r);
        }
        byModel.forEach((title, rows) -> {
            out.printf("%n%s (%s)%n", title, rows.getFirst().inferenceCase().model().spec());
            Table t = new Table("  ", ">BATCH", ">THREADS", "PEER", ">P50 US", ">P99 US", ">ROWS/S", "RANGE", ">CALLS");
            for (InferenceResult r : rows) {
                t.add(r.inferenceCase().batch(), r.inferenceCase().threads(), r.peer(), micros(r.p50Micros()),
                        micros(r.p99Micros()), rate(r.rowsPerSecond()), "[" + rate(r.minRowsPerSecond()) + ".."
                                + rate(r.maxRowsPerSecond()) + "]", Table.count(r.calls()));
            }
            t.print(out);
            List<RoundRatio<InferenceCase>> ratios = outcome.ratios().stream()
                    .filter(q -> (q.subject().model().name() + " " + q.subject().dtype()).equals(title))
                    .toList();
            if (!ratios.isEmpty()) {
                out.printf("  rows/s against %s, round by round: median ratio [interval, its confidence]%n",
                        InferenceBench.REFERENCE_PEER);
                Table v = new Table("  ", ">BATCH", ">THREADS", "PEER", "AGAINST", ">RATIO", "INTERVAL", "");
                for (RoundRatio<InferenceCase> q : ratios) {
                    v.add(q.subject().batch(), q.subject().threads(), q.peer(), q.against(), ratio(q.median()),
                            String.format(Locale.ROOT, "[%s..%s, %.0f%%]", ratio(q.low()), ratio(q.high()),
                                    100 * q.coverage()), q.tie() ? "tie" : q.median() > 1 ? "faster" : "slower");
                }
                v.print(out);
            }
        });
        if (!outcome.skipped().isEmpty()) {
            out.println();
            outcome.skipped().forEach(s -> out.println("skipped: " + s));
        }
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String rate(double rowsPerSecond) {
        return Table.count(Math.round(rowsPerSecond));
    }

    private static String micros(double us) {
        return String.format(Locale.ROOT, us < 100 ? "%.2f" : "%.0f", us);
    }

    private static void writeJson(InferenceBench.Outcome outcome, Path file) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (InferenceResult r : outcome.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peer", r.peer());
            m.put("model", r.inferenceCase().model().name());
            m.put("spec", r.inferenceCase().model().spec().toString());
            m.put("dtype", r.inferenceCase().dtype().toString());
            m.put("batch", r.inferenceCase().batch());
            m.put("threads", r.inferenceCase().threads());
            m.put("calls", r.calls());
            m.put("p50_us", r.p50Micros());
            m.put("p99_us", r.p99Micros());
            m.put("rows_per_s", r.rowsPerSecond());
            m.put("rows_per_s_min", r.minRowsPerSecond());
            m.put("rows_per_s_max", r.maxRowsPerSecond());
            results.add(m);
        }
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (RoundRatio<InferenceCase> q : outcome.ratios()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peer", q.peer());
            m.put("against", q.against());
            m.put("model", q.subject().model().name());
            m.put("dtype", q.subject().dtype().toString());
            m.put("batch", q.subject().batch());
            m.put("threads", q.subject().threads());
            m.put("ratio", q.median());
            m.put("low", q.low());
            m.put("high", q.high());
            m.put("coverage", q.coverage());
            m.put("tie", q.tie());
            ratios.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("results", results);
        root.put("ratios", ratios);
        root.put("skipped", outcome.skipped());
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        try {
            Files.writeString(file, mapper.writeValueAsString(root) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
