package io.densekit.cli.demo;

import io.densekit.cli.Accuracy;
import io.densekit.cli.EpochTable;
import io.densekit.cli.Table;
import io.densekit.data.Split;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.train.TrainingListener;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one experiment on every kernel from the same initial weights and prints the reference
 * kernel's losses per epoch, then how closely each kernel agrees with it.
 */
final class ExperimentReport {
    private final PrintWriter out;
    private final SeedExperiment e;
    private final int number;
    private final int total;

    ExperimentReport(PrintWriter out, SeedExperiment e, int number, int total) {
        this.out = out;
        this.e = e;
        this.number = number;
        this.total = total;
    }

    void run(List<Kernel> kernels) {
        Split data = e.split().get();
        out.printf(Locale.ROOT, "[%d/%d] %s %s: %s, SGD lr %s, batch %d, %d epochs%n", number, total, e.title(),
                e.model(), e.loss().cliName(), e.lr(), e.batch(), e.epochs());
        out.printf("      %s; %s train / %s valid samples%n", e.data(), Table.count(data.train().size()),
                Table.count(data.valid().size()));
        Map<String, HostTensor> init = initialWeights();
        Map<DType, KernelRun> references = new EnumMap<>(DType.class);
        Table agreement = new Table("  ", "kernel", "dtype", ">final train loss", ">final valid loss",
                ">losses vs reference", ">weights vs reference");
        for (Kernel k : kernels) {
            DType dtype = k.dtypes().contains(DType.F64) ? DType.F64 : DType.F32;
            KernelRun ref = references.computeIfAbsent(dtype, d -> train(data, init, Kernels.byName("reference"), d,
                    d == DType.F64));
            KernelRun run = k.name().equals("reference") ? ref : train(data, init, k, dtype, false);
            boolean isRef = run == ref;
            agreement.add(k.name(), dtype, Table.number(run.history().trainLoss().getLast()),
                    Table.number(run.finalValidLoss()),
                    isRef ? "-" : Table.small(Agreement.losses(run.history(), ref.history())),
                    isRef ? "-" : Table.small(Agreement.weights(run.weights(), ref.weights())));
        }
        if (kernels.size() > 1) {
            out.println();
            agreement.print(out);
            if (number == 1) {
                out.println("  (max relative difference from the reference kernel's run: same data, same initial weights)");
            }
        }
    }

    /** PyTorch-style seeded initial weights, shared by every kernel's run. */
    private Map<String, HostTensor> initialWeights() {
        try (Sequential m = Sequential.of(e.model(), Kernels.byName("reference"), DType.F64, e.initSeed())) {
            return m.state().export();
        }
    }

    /** A run from the experiment's initial weights; {@code show} prints its epochs as they finish. */
    private KernelRun train(Split data, Map<String, HostTensor> init, Kernel kernel, DType dtype, boolean show) {
        return KernelRun.train(e, data, kernel, dtype, init, m -> show ? epochTable(m, data) : TrainingListener.NONE);
    }

    private TrainingListener epochTable(Sequential m, Split data) {
        return new EpochTable(out, true, null,
                e.classifier() ? epoch -> Accuracy.of(m, e.loss(), data.valid().x(), data.valid().y()) : null, false);
    }
}
