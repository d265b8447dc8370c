package io.densekit.bench.report;

import io.densekit.bench.harness.Machine;
import io.densekit.cli.Table;
import java.io.PrintWriter;

/** The lines above the tables: the machine, the kernels (and why some cannot run), each peer's configuration. */
public final class ReportHeader {
    private ReportHeader() {
    }

    public static void printMachine(Machine m, PrintWriter out) {
        out.printf("machine: %s, %d cores, vector width %s%n", m.cpu(), m.cores(), m.vectorWidth());
        out.printf("         microarchitecture: %s%n", m.microarchitecture());
        out.printf("         JDK %s, %s, GPU: %s%n", m.jdk(), m.os(), m.gpu());
        out.printf("         load average %s at the start (other work on these cores lowers every figure)%n",
                m.loadAverage());
    }

    public static void printKernels(BenchReport report, PrintWriter out) {
        Table t = new Table("  ", "KERNEL", "STATUS", "NOTES");
        for (KernelEntry k : report.kernels()) {
            t.add(k.name(), k.available() ? "available" : "unavailable", k.available() ? k.details() : k.reason());
        }
        report.peers().forEach((name, configuration) -> t.add(name, "peer", configuration));
        report.skipped().stream().filter(s -> s.dtype() == null && s.label() == null)
                .filter(s -> report.kernels().stream().noneMatch(k -> k.name().equals(s.kernel())))
                .forEach(s -> t.add(s.kernel(), "no peer", s.reason()));
        t.print(out);
        out.println("timing: " + report.timing());
        out.println();
        out.flush();
    }
}
