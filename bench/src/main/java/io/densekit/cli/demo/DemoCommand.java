package io.densekit.cli.demo;

import io.densekit.cli.Table;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelUnavailableException;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densekit demo}: the tutorials' four experiments on every available kernel from the same
 * initial weights, with each kernel's agreement with the reference kernel; then a classifier of the
 * UCI handwritten digits, which must reach {@value DigitsDemo#TARGET_PERCENT}% validation accuracy.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the tutorials' four experiments on every kernel, then classify handwritten digits.",
                "Each experiment trains on every available kernel from the same initial weights and shows how",
                "closely each agrees with the reference kernel. The classifier of the UCI 8x8 digits must reach",
                "95% validation accuracy, or the demo fails (exit code 1)."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--kernels", split = ",", paramLabel = "NAME",
            description = "Compare only these kernels with the reference kernel (default: every available one).")
    List<String> only;

    @Option(names = "--max-epochs", hidden = true, paramLabel = "N",
            description = "Cap the four experiments at N epochs (a quick check; the digits run is unchanged).")
    Integer maxEpochs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        List<Kernel> kernels = kernels(out);
        out.println("densekit demo: the tutorials' four experiments on " + names(kernels)
                + ", then handwritten digits");
        List<SeedExperiment> experiments = SeedExperiment.all().stream()
                .map(e -> maxEpochs == null ? e : e.withMaxEpochs(maxEpochs)).toList();
        for (int i = 0; i < experiments.size(); i++) {
            out.println();
            new ExperimentReport(out, experiments.get(i), i + 1, experiments.size() + 1).run(kernels);
        }
        out.println();
        // The kernels run in ascending priority: the last is the default one (or the last one asked for).
        Kernel best = kernels.getLast();
        double accuracy = new DigitsDemo(out, experiments.size() + 1, experiments.size() + 1).run(best);
        out.println();
        out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        if (accuracy < DigitsDemo.TARGET_PERCENT / 100.0) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "densekit demo: FAILED: digits validation accuracy %s is below the %d%% target%n",
                    Table.percent(accuracy), DigitsDemo.TARGET_PERCENT);
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * The reference kernel first, then every other available kernel in ascending priority, so the
     * last is the default kernel. Kernels that fail to start are reported and left out.
     */
    private List<Kernel> kernels(PrintWriter out) {
        List<Kernel> list = new ArrayList<>();
        list.add(Kernels.byName("reference"));
        if (only != null) {
            for (String name : only) {
                Kernel k = Kernels.byName(name);
                if (!list.contains(k)) {
                    list.add(k);
                }
            }
            return list;
        }
        List<KernelRegistry.Info> infos = new ArrayList<>(Kernels.list());
        Collections.reverse(infos);
        for (KernelRegistry.Info info : infos) {
            if (info.available() && !info.name().equals("reference")) {
                try {
                    list.add(Kernels.byName(info.name()));
                } catch (KernelUnavailableException e) {
                    out.println("skipping " + e.getMessage());
                }
            }
        }
        return list;
    }

    private static String names(List<Kernel> kernels) {
        List<String> n = kernels.stream().map(Kernel::name).toList();
        return n.size() == 1 ? "the " + n.getFirst() + " kernel (no other kernel is available)"
                : n.size() + " kernels (" + String.join(", ", n) + ")";
    }
}
