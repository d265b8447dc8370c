package io.densekit.spark.demo;

import io.densekit.kernel.Kernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The scaling measurement: samples/s of one large model's training steps on Spark {@code local[1]}
 * and {@code local[2]} and on the single-machine trainer, plain and chunked. Every run is a JVM of
 * its own ({@link ScalingRun}; a JVM holds one SparkContext), the configurations interleaved round
 * after round (A B C D A B C D ...) so that a change of the machine's load spreads over all of them.
 * Prints the machine, the settings and one table: the median samples/s per configuration, its
 * range over the rounds, and whether Spark's weights equal the chunked trainer's bit for bit.
 * Exits 1 if they do not. Run by {@code ./spark-scaling}; the options are {@link ScalingSettings}'.
 */
public final class ScalingHarness {
    private ScalingHarness() {
    }

    public static void main(String[] args) throws Exception {
        ScalingSettings s;
        try {
            s = ScalingSettings.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("spark-scaling: " + e.getMessage());
            System.exit(2);
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String loadBefore = loadAverage();
        System.out.println("Scaling: " + s.describe());
        System.out.printf(Locale.ROOT, "  each run: a JVM of its own, a warm-up epoch, then samples/s of %d timed"
                + " epochs (%d steps: a fit of %d epochs minus a fit of 1); %d rounds, interleaved%n",
                s.timedEpochs(), s.timedEpochs() * s.batches(), 1 + s.timedEpochs(), s.rounds());
        ScalingTable table = new ScalingTable();
        for (int round = 1; round <= s.rounds(); round++) {
            for (ScalingConfig c : ScalingConfig.values()) {
                ScalingResult r = run(c, s, cores);
                table.add(r);
                System.out.printf(Locale.ROOT, "  round %d/%d %-18s %10.1f samples/s (%.1f s timed)%n", round,
                        s.rounds(), c.label, r.samplesPerSecond(), r.seconds());
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "machine: %s, %d cores; JDK %s (%s); Spark %s; simd kernel: %s%n", cpuModel(), cores,
                Runtime.version(), System.getProperty("java.vm.name"), org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                Kernels.byName("simd").details());
        System.out.println("settings: " + s.describe() + "; load average before " + loadBefore + ", after "
                + loadAverage());
        table.lines(cores).forEach(System.out::println);
        if (!table.bitEqual()) {
            System.exit(1);
        }
    }

    /** Runs one configuration in a new JVM with this JVM's flags and class path; its log goes to a file. */
    private static ScalingResult run(ScalingConfig c, ScalingSettings s, int cores) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Ddensekit.simd.threads=")).forEach(command::add);
        command.add("-Ddensekit.simd.threads=" + c.simdThreads(cores));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScalingRun.class.getName(), c.id));
        command.addAll(s.args());
        Path log = Files.createTempFile("densekit-scaling-" + c.id + "-", ".log");
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        ScalingResult result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                ScalingResult r = ScalingResult.parse(line);
                result = r == null ? result : r;
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
            try (Stream<String> lines = Files.lines(log)) {
                List<String> all = lines.toList();
                all.subList(Math.max(0, all.size() - 30), all.size()).forEach(System.err::println);
            }
            throw new IllegalStateException("the run of " + c.label + " failed (exit " + rc + "); its log: " + log);
        }
        Files.delete(log);
        return result;
    }

    /** The CPU's model name and, where /proc/cpuinfo gives them, its family and model numbers. */
    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            List<String> head = lines.takeWhile(l -> !l.isBlank()).toList(); // the first processor's entry
            return field(head, "model name", "unknown CPU") + " (family " + field(head, "cpu family", "?")
                    + " model " + field(head, "model", "?") + ")";
        } catch (IOException e) {
            return "unknown CPU (no /proc/cpuinfo)";
        }
    }

    private static String field(List<String> entry, String name, String missing) {
        return entry.stream().filter(l -> l.startsWith(name) && l.contains(":") && l.substring(0, l.indexOf(':')).trim().equals(name))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(missing);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
