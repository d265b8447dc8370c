package io.densekit.kernel.blas;

import io.densekit.kernel.KernelProvider;
import io.densekit.nativelib.ClassInitProbe;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Run in a fresh JVM by {@link BlasClassInitTest}: initialises every class of the module, lists the
 * kernel providers with their names and priorities (no availability check), then prints the
 * mapped files of the process that look like BLAS or CUDA libraries. Nothing should be printed
 * after "MAPPED:".
 */
public final class BlasClassInitProbe {
    private BlasClassInitProbe() {
    }

    public static void main(String[] args) throws Exception {
        int initialised = ClassInitProbe.initialiseAll(Path.of(args[0]));
        for (KernelProvider p : ServiceLoader.load(KernelProvider.class)) {
            System.out.println("PROVIDER: " + p.name() + " " + p.priority() + " " + p.dtypes() + " " + p.device());
        }
        System.out.println("INITIALISED: " + initialised);
        System.out.println("MAPPED:");
        ClassInitProbe.printMappedLibraries();
    }
}
