package io.densekit.cli;

import io.densekit.bench.jmh.BenchMain;
import io.densekit.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code densekit jmh [JMH options]}: the JMH suite on every available kernel (see {@link BenchMain}).
 * Every argument goes to JMH untouched, so this command has no options of its own; {@code -h} prints
 * the suite's and JMH's help.
 */
@Command(name = "jmh", description = "Run the JMH benchmarks (GEMM, dense layer, activations, training step) on"
        + " every available kernel; unavailable kernels are listed with the reason. Takes JMH's options"
        + " (-h lists them), e.g. `densekit jmh TrainingStep -p dtype=f32 -prof gc`. Results: jmh-result.json.")
final class JmhCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // JMH prints its progress and table on System.out itself; the summary follows it.
        return BenchMain.run(args, Kernels.registry(), spec.commandLine().getOut(), spec.commandLine().getErr(),
                o -> new Runner(o).run());
    }
}
