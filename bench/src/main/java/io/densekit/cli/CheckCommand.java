package io.densekit.cli;

import io.densekit.conformance.CheckOptions;
import io.densekit.conformance.CheckResult;
import io.densekit.conformance.CrossCheck;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.DType;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densekit check}: every kernel against the reference kernel; exit 1 when one disagrees. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cross-check kernels against the reference kernel: every operation on random shapes"
                + " (GEMM in all transposes, bias, activations, dense forward/backward, losses, SGD, Adam),"
                + " the seed MLP's weights after SGD steps, and rows alone against the same rows of a block"
                + " (bit for bit). Prints each operation's worst error in units of its error scale beside the"
                + " tolerance, and exits with 1 when any exceeds it.")
final class CheckCommand implements Callable<Integer> {
    static final int MISMATCH = 1;

    @Option(names = "--kernel", paramLabel = "NAME", description = "Check this kernel only (default: every available one).")
    String kernel;

    @Option(names = "--dtype", paramLabel = "DTYPE", description = "f32 or f64 (default both).")
    DType dtype;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the random operands (default 1).")
    long seed;

    @Option(names = "--steps", defaultValue = "20", paramLabel = "N",
            description = "SGD steps of the seed MLP (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--shapes", defaultValue = "4", paramLabel = "N",
            description = "Random shapes per operation (default ${DEFAULT-VALUE}).")
    int shapes;

    @Spec
    CommandSpec spec;

    private final KernelRegistry registry;

    CheckCommand() {
        this(null);
    }

    /** With the kernels of {@code registry} instead of those on the class path (tests). */
    CheckCommand(KernelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        if (steps <= 0 || shapes <= 0) {
            throw new IllegalArgumentException("--steps and --shapes must be positive, got " + steps + " and " + shapes);
        }
        CheckOptions options = new CheckOptions(shapes, CheckOptions.defaults().maxSize(), steps, seed);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("cross-check against the reference kernel: seed %d, %d random shapes per operation (sizes 1..%d),"
                + " seed MLP for %d SGD steps%n", seed, shapes, options.maxSize(), steps);
        out.flush();
        List<DType> dtypes = dtype == null ? List.of(DType.F32, DType.F64) : List.of(dtype);
        CrossCheck.Outcome outcome = new CrossCheck(registry == null ? Kernels.registry() : registry)
                .run(kernel, dtypes, options, (k, dt) -> { });
        print(outcome, out);
        return outcome.ok() ? 0 : MISMATCH;
    }

    private static void print(CrossCheck.Outcome outcome, PrintWriter out) {
        Table t = new Table("", "KERNEL", "DTYPE", "OPERATION", ">WORST ERROR", ">TOLERANCE", "RESULT", "WORST CASE");
        for (CheckResult r : outcome.results()) {
            t.add(r.kernel(), r.dtype(), r.op(), Table.small(r.error()), Table.small(r.tolerance()),
                    r.ok() ? "ok" : "MISMATCH", r.where());
        }
        if (!outcome.results().isEmpty()) {
            t.print(out);
        }
        outcome.skipped().forEach(s -> out.println("not checked: " + s));
        List<CheckResult> bad = outcome.results().stream().filter(r -> !r.ok()).toList();
        long kernels = outcome.results().stream().map(CheckResult::kernel).distinct().count();
        if (outcome.results().isEmpty()) {
            out.println("no kernel to check besides the reference");
        } else if (bad.isEmpty()) {
            out.printf("every operation of %d kernel%s within tolerance (%d cases)%n", kernels, kernels == 1 ? "" : "s",
                    outcome.cases());
        } else {
            out.printf("MISMATCH: %d operation%s outside tolerance: %s%n", bad.size(), bad.size() == 1 ? "" : "s",
                    String.join(", ", bad.stream().map(r -> r.kernel() + " " + r.dtype() + " " + r.op()).toList()));
        }
        out.flush();
    }
}
