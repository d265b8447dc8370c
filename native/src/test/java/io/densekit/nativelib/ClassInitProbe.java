package io.densekit.nativelib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link ClassInitTest}: initialises every class of the native module, then
 * prints the mapped files of the process that look like BLAS or CUDA libraries. Nothing should be
 * printed after "MAPPED:". The modules built on these bindings run their own probes with
 * {@link #initialiseAll} and {@link #printMappedLibraries} (this module's test-jar).
 */
public final class ClassInitProbe {
    private ClassInitProbe() {
    }

    public static void main(String[] args) throws Exception {
        int initialised = initialiseAll(Path.of(args[0]));
        System.out.println("INITIALISED: " + initialised);
        System.out.println("MAPPED:");
        printMappedLibraries();
    }

    /**
     * Runs a probe's main in a fresh JVM on this JVM's class path, with the module's
     * target/classes as its argument; checks that it ended well and returns what it printed.
     */
    public static String runInFreshJvm(Class<?> probe) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                probe.getName(), Path.of("target/classes").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** What a probe printed after "MAPPED:": the native libraries then mapped. */
    public static String mappedAfter(String out) {
        return out.substring(out.indexOf("MAPPED:") + "MAPPED:".length()).trim();
    }

    /** Loads and initialises every class under a classes folder; returns how many. */
    public static int initialiseAll(Path classes) throws IOException, ClassNotFoundException {
        List<String> names;
        try (Stream<Path> s = Files.walk(classes)) {
            names = s.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class")) // no class to load
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
        for (String n : names) {
            Class.forName(n, true, ClassInitProbe.class.getClassLoader());
        }
        return names.size();
    }

    /** One line per BLAS or CUDA library mapped into this process (nothing where none is). */
    public static void printMappedLibraries() {
        try {
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.matches(".*/lib(open)?blas.*|.*cblas.*|.*mkl.*|.*cublas.*|.*libcuda.*"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("(no /proc/self/maps)");
        }
    }
}
