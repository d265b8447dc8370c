package io.densekit.nativelib;

import io.densekit.kernel.KernelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link ClassInitTest}: initialises every class of the native module, lists
 * the kernel providers with their names and priorities (no availability check), then prints the
 * mapped files of the process that look like BLAS or CUDA libraries. Nothing should be printed
 * after "MAPPED:".
 */
public final class ClassInitProbe {
    private ClassInitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        List<String> names;
        try (Stream<Path> s = Files.walk(classes)) {
            names = s.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
        for (String n : names) {
            Class.forName(n, true, ClassInitProbe.class.getClassLoader());
        }
        for (KernelProvider p : ServiceLoader.load(KernelProvider.class)) {
            System.out.println("PROVIDER: " + p.name() + " " + p.priority() + " " + p.dtypes() + " " + p.device());
        }
        System.out.println("INITIALISED: " + names.size());
        System.out.println("MAPPED:");
        try {
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.matches(".*/lib(open)?blas.*|.*cblas.*|.*mkl.*|.*cublas.*|.*libcuda.*"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("(no /proc/self/maps)");
        }
    }
}
