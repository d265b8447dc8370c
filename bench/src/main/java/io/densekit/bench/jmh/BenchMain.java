package io.densekit.bench.jmh;

import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH suite on every kernel that can run here ({@code densekit jmh [JMH options]}, or
 * {@code java -cp densekit.jar io.densekit.bench.jmh.BenchMain ...}).
 *
 * <p>JMH cannot skip a parameter value from inside a fork: a failing {@code @Setup} prints a stack
 * trace and marks the benchmark failed. So this runner asks discovery first, prints
 * {@code skipped: <kernel>: <reason>} for each kernel that cannot run, and hands JMH only the
 * available ones as {@code -p kernel=...}, with every other JMH option as the user gave it. The
 * reference kernel's square GEMM stops at {@code --reference-max-size} (default
 * {@value #DEFAULT_REFERENCE_MAX_SIZE}; 0 lifts the cap); since JMH crosses all parameter values,
 * kernels with different parameter lists run as separate JMH runs, and their results are written
 * together as one file (JSON {@code jmh-result.json} unless {@code -rf}/{@code -rff} say otherwise).
 * After JMH's table comes one with each result's figure (GFLOP/s, GB/s or samples/s) and, with
 * {@code -prof gc}, bytes allocated per operation.
 */
public final class BenchMain {
    static final int DEFAULT_REFERENCE_MAX_SIZE = 1024;
    static final String CAP_OPTION = "--reference-max-size";
    static final String USAGE = """
            Usage: densekit jmh [--reference-max-size N] [JMH options] [benchmark regex...]
            Runs densekit's JMH suite (SquareGemm, LayerGemm, Dense, Activation, TrainingStep, Optimizer
            benchmarks)
            on every available kernel; unavailable kernels are listed with the reason and left out.
              --reference-max-size N  largest square GEMM size for the reference kernel (default 1024; 0: no cap)
            Parameters: -p kernel=reference,simd,blas,cuda -p dtype=f32,f64 -p size=64,...,4096
              -p activation=... -p shape=ROWSxCOLS -p model=seed_b333,mnist_b64,mnist_b512,wide_b256
              -p optimizer=sgd,adam -p network=mnist,wide
            Results: JMH JSON in jmh-result.json (-rf/-rff to change). Allocation: -prof gc.
            JMH's own options follow.
            """;

    /** Runs JMH with the given options; replaced in tests, which must not start JMH. */
    @FunctionalInterface
    public interface Launcher {
        Collection<RunResult> run(Options options) throws RunnerException;
    }

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), Kernels.registry(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), o -> new Runner(o).run()));
    }

    /** Exit code: 0 (unavailable kernels do not fail a run), 1 when JMH itself fails, 2 on bad options. */
    public static int run(List<String> args, KernelRegistry registry, PrintWriter out, PrintWriter err,
                          Launcher launcher) {
        List<String> jmhArgs = new ArrayList<>();
        int cap = DEFAULT_REFERENCE_MAX_SIZE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.equals(CAP_OPTION)) {
                if (i + 1 == args.size()) {
                    return usageError(err, CAP_OPTION + " needs a value: the largest size, or 0 for no cap");
                }
                value = args.get(++i);
            } else if (a.startsWith(CAP_OPTION + "=")) {
                value = a.substring(CAP_OPTION.length() + 1);
            } else {
                // Every densekit command takes --help; JMH spells it -h.
                jmhArgs.add(a.equals("--help") ? "-h" : a);
                continue;
            }
            try {
                cap = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return usageError(err, CAP_OPTION + " must be a whole number, got '" + value + "'");
            }
            if (cap < 0) {
                return usageError(err, CAP_OPTION + " must be 0 (no cap) or positive, got " + cap);
            }
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            return usageError(err, e.getMessage());
        }
        ChainedOptionsBuilder base = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            base.include(Suite.INCLUDE);
        }
        Integer listed = listings(cli, base.build(), out, err);
        if (listed != null) {
            return listed;
        }
        KernelPlan plan;
        try {
            // The cap concerns the square GEMM only; a run without it keeps the reference with the others.
            int runCap = selects(base.build(), SquareGemmBenchmark.class, "gemm") ? cap : 0;
            plan = KernelPlan.of(registry.list(), cli.getParameter("kernel").orElse(null),
                    values(cli, "dtype", TrainingStepBenchmark.class), values(cli, SquareGemmBenchmark.SIZE,
                            SquareGemmBenchmark.class), runCap);
        } catch (IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        out.println("load average at start: " + load());
        plan.skipped().forEach(s -> out.println("skipped: " + s));
        if (plan.groups().isEmpty()) {
            out.println("nothing to run: none of the requested kernels is available here");
            out.flush();
            return 0;
        }
        List<RunResult> results = new ArrayList<>();
        try {
            for (KernelPlan.Group g : plan.groups()) {
                out.println("running JMH on kernel" + (g.kernels().size() == 1 ? " " : "s ")
                        + String.join(", ", g.kernels()));
                out.flush();
                results.addAll(launcher.run(options(base.build(), g)));
            }
        } catch (NoBenchmarksException e) {
            err.println("error: no benchmark matches " + String.join(", ", base.build().getIncludes())
                    + " (JMH reads each as a regular expression found in names such as"
                    + " io.densekit.bench.jmh.LayerGemmBenchmark.inputGradDzW; 'LayerGemm.*inputGrad' matches that one)");
            return 2;
        } catch (RunnerException e) {
            err.println("error: JMH failed: " + reason(e));
            return 1;
        }
        out.println();
        out.println("load average at end: " + load());
        writeResults(cli, results, out);
        out.println();
        out.print(SummaryTable.format(results.stream().map(SummaryTable.Row::of).toList()));
        plan.skipped().forEach(s -> out.println("skipped: " + s));
        out.flush();
        return 0;
    }

    /**
     * What went wrong, in words: JMH often wraps the cause in an exception without a message (a
     * benchmark that throws in its setup, a fork that dies), which alone would print "null".
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t == e ? t.getMessage() : t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
            if (t.getCause() == null) {
                return t.getClass().getName() + " without a message";
            }
        }
        return "unknown";
    }

    /** The options of one group's JMH run: its kernels, its dtypes and sizes where they differ, no result file. */
    static Options options(Options base, KernelPlan.Group g) {
        ChainedOptionsBuilder b = new WithoutResultFile().parent(base)
                .param("kernel", g.kernels().toArray(String[]::new));
        if (g.dtypes() != null) {
            b.param("dtype", g.dtypes().toArray(String[]::new));
        }
        if (g.sizes() != null) {
            if (g.sizes().isEmpty()) {
                b.exclude("\\.SquareGemmBenchmark\\.");
            } else {
                b.param(SquareGemmBenchmark.SIZE, g.sizes().toArray(String[]::new));
            }
        }
        return b.build();
    }

    /**
     * Options whose JMH run writes no result file: each group's run would overwrite the previous
     * one's, so {@link #writeResults} writes all of them at the end instead.
     */
    private static final class WithoutResultFile extends OptionsBuilder {
        @Override
        public org.openjdk.jmh.util.Optional<String> getResult() {
            return org.openjdk.jmh.util.Optional.none();
        }

        @Override
        public org.openjdk.jmh.util.Optional<ResultFormatType> getResultFormat() {
            return org.openjdk.jmh.util.Optional.none();
        }
    }

    private static Integer listings(CommandLineOptions cli, Options base, PrintWriter out, PrintWriter err) {
        try {
            if (cli.shouldHelp()) {
                out.print(USAGE);
                out.flush();
                cli.showHelp();
                return 0;
            }
        } catch (IOException e) {
            return usageError(err, "cannot print help: " + e.getMessage());
        }
        if (cli.shouldListProfilers()) {
            cli.listProfilers();
            return 0;
        }
        if (cli.shouldListResultFormats()) {
            cli.listResultFormats();
            return 0;
        }
        if (cli.shouldList() || cli.shouldListWithParams()) {
            Runner runner = new Runner(base);
            if (cli.shouldList()) {
                runner.list();
            }
            if (cli.shouldListWithParams()) {
                runner.listWithParams(cli);
            }
            return 0;
        }
        return null;
    }

    /** Whether the run's include and exclude patterns select this benchmark method, as JMH matches them. */
    static boolean selects(Options options, Class<?> benchmark, String method) {
        String name = benchmark.getName() + "." + method;
        return options.getIncludes().stream().anyMatch(r -> Pattern.compile(r).matcher(name).find())
                && options.getExcludes().stream().noneMatch(r -> Pattern.compile(r).matcher(name).find());
    }

    /** The values of parameter {@code name}: the user's {@code -p}, else the benchmark's defaults. */
    private static List<String> values(CommandLineOptions cli, String name, Class<?> benchmark) {
        Collection<String> given = cli.getParameter(name).orElse(null);
        return given != null ? List.copyOf(given) : List.of(Suite.defaults(benchmark, name));
    }

    private static void writeResults(CommandLineOptions cli, List<RunResult> results, PrintWriter out) {
        ResultFormatType format = cli.getResultFormat().orElse(ResultFormatType.JSON);
        String file = cli.getResult().orElse("jmh-result." + format.toString().toLowerCase(Locale.ROOT));
        ResultFormatFactory.getInstance(format, file).writeOut(results);
        out.println("results (JMH " + format + "): " + file);
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (%d processors)", l,
                Runtime.getRuntime().availableProcessors());
    }

    private static int usageError(PrintWriter err, String message) {
        err.println("error: " + message);
        err.println("run with -h for the options");
        err.flush();
        return 2;
    }
}
