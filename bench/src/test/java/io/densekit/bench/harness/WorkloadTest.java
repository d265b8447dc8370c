package io.densekit.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.bench.peers.BenchRunner;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.ModelSpec;
import io.densekit.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void gemmCountsTwoFlopsPerMultiplyAdd() {
        assertThat(GemmWorkload.square(10).flops()).isEqualTo(2000);
        assertThat(new GemmWorkload(2, 3, 4, true, false).flops()).isEqualTo(48);
        assertThat(GemmWorkload.square(64).label()).isEqualTo("64");
        assertThat(new GemmWorkload(512, 784, 128, false, true).label()).isEqualTo("512x784x128 NT");
    }

    @Test
    void stepsCoverTheIssuesModelsAndBatches() {
        assertThat(StepWorkload.standard()).extracting(w -> w.model() + "@" + w.batch() + " " + w.loss().cliName())
                .containsExactly("6,32:tanh,32:softmax,32:sigmoid,32:relu,3@333 mse",
                        "784,128:relu,64:relu,10@64 cross_entropy", "784,128:relu,64:relu,10@512 cross_entropy",
                        "1024,1024:relu,1024:relu,10@256 cross_entropy");
        StepWorkload w = new StepWorkload("t", ModelSpec.parse("3,4:relu,2"), LossKind.MSE, 5);
        assertThat(w.flops()).isEqualTo(6.0 * 5 * (3 * 4 + 4 * 2));
    }

    @Test
    void aTrainingStepTrainsThroughTheModelApi() {
        StepWorkload w = new StepWorkload("t", ModelSpec.parse("784,16:relu,10"), LossKind.CROSS_ENTROPY, 32);
        try (TrainingStep step = (TrainingStep) w.prepare(new ReferenceKernel(), DType.F64)) {
            step.run();
            double first = step.lastLoss();
            for (int i = 0; i < 30; i++) {
                step.run();
            }
            assertThat(first).isBetween(Math.log(10) - 0.5, Math.log(10) + 0.5);
            // The same batch again and again: SGD must bring its loss down.
            assertThat(step.lastLoss()).isLessThan(first);
        }
    }

    @Test
    void runnerSkipsTheReferenceAboveItsLimitAndListsUnavailableKernels() {
        var registry = new io.densekit.kernel.KernelRegistry(List.of(
                new io.densekit.kernel.reference.ReferenceKernelProvider(), new io.densekit.cli.UnavailableTestKernel()));
        BenchPlan plan = new BenchPlan(List.of(GemmWorkload.square(8), GemmWorkload.square(32)), List.of(DType.F32),
                TimingPlan.tiny(), 16);
        BenchRunner.Outcome o = new BenchRunner(registry, List.of(), RunListener.NONE).run(List.of(), plan);
        assertThat(o.measurements()).singleElement().satisfies(m -> {
            assertThat(m.engine()).isEqualTo("reference");
            assertThat(m.workload()).isEqualTo(GemmWorkload.square(8));
        });
        assertThat(o.skipped()).extracting(Skip::engine, s -> s.workload() == null ? null : s.workload().label())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("reference", "32"),
                        org.assertj.core.groups.Tuple.tuple("unavailable-test", null));
    }

    @Test
    void machineProbeReadsTheCpuModelAndLoad(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cpuinfo = dir.resolve("cpuinfo");
        java.nio.file.Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t: avx\n");
        assertThat(MachineProbe.cpuModel(cpuinfo)).isEqualTo("Test CPU 9000");
        assertThat(MachineProbe.cpuModel(dir.resolve("missing"))).contains("unreadable");
        java.nio.file.Path load = dir.resolve("loadavg");
        java.nio.file.Files.writeString(load, "1.25 0.50 0.10 1/100 42\n");
        assertThat(MachineProbe.loadAverage(load)).isEqualTo("1.25");
    }
}
