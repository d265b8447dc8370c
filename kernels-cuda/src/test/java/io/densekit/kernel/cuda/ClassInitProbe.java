package io.densekit.kernel.cuda;

import io.densekit.kernel.KernelProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Run in a fresh JVM by {@link ClassInitTest}: initialises every class of the module and lists the
 * kernel providers, prints the CUDA-related native libraries mapped ("MAPPED:"), then asks the cuda
 * provider for its availability and prints them again ("AFTER AVAILABILITY:").
 */
public final class ClassInitProbe {
    private ClassInitProbe() {
    }

    /** args[0]: the module's classes, a folder (a Maven build) or a jar (the GPU machine's devkit). */
    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        List<String> names;
        if (Files.isDirectory(classes)) {
            try (Stream<Path> s = Files.walk(classes)) {
                names = s.filter(p -> p.toString().endsWith(".class") && !p.endsWith("module-info.class")) // no class to load
                        .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                        .toList();
            }
        } else {
            try (JarFile jar = new JarFile(classes.toFile())) {
                names = jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("-"))
                        .map(n -> n.replace('/', '.').replaceAll("\\.class$", "")).toList();
            }
        }
        for (String n : names) {
            Class.forName(n, true, ClassInitProbe.class.getClassLoader());
        }
        KernelProvider cuda = null;
        for (KernelProvider p : ServiceLoader.load(KernelProvider.class)) {
            System.out.println("PROVIDER: " + p.name() + " " + p.priority() + " " + p.dtypes() + " " + p.device());
            if (p.name().equals("cuda")) {
                cuda = p;
            }
        }
        System.out.println("INITIALISED: " + names.size());
        System.out.println("MAPPED:");
        mapped();
        System.out.println("AVAILABILITY: " + (cuda == null ? "no provider" : cuda.availability()));
        System.out.println("AFTER AVAILABILITY:");
        mapped();
    }

    private static void mapped() {
        try {
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.matches(".*cublas.*|.*libcuda.*|.*JCuda.*|.*libnvrtc.*"))
                    .map(l -> l.substring(l.lastIndexOf(' ') + 1)).distinct().forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("(no /proc/self/maps)");
        }
    }
}
