package io.densekit.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jars as modules: nn-api exports the user API and the kernel SPI and nothing else, the
 * module graph resolves from the CLI's module, and the kernels are found by ServiceLoader in a
 * module layer (which needs each module's {@code uses} and {@code provides}). The tests of every
 * module run on the class path; this is what holds the module-info files to the documented seal.
 */
class ModuleSealTest {
    /** docs/architecture.md, "User API vs SPI vs internal": the packages io.densekit.api exports to everyone. */
    private static final Set<String> API_PACKAGES = Set.of(
            "io.densekit.tensor", "io.densekit.nn", "io.densekit.optim", "io.densekit.train",
            "io.densekit.io", "io.densekit.io.onnx", "io.densekit.data");
    private static final Set<String> SPI_PACKAGES = Set.of("io.densekit.kernel", "io.densekit.kernel.reference");
    private static final List<String> DENSEKIT_MODULES = List.of("io.densekit.api", "io.densekit.nativelib",
            "io.densekit.kernels.simd", "io.densekit.kernels.blas", "io.densekit.kernels.cuda", "io.densekit.bench");

    private static ClassPathModules modules;

    @BeforeAll
    static void findModules() {
        modules = ClassPathModules.densekitModules();
    }

    @Test
    void everyDensekitJarIsAnExplicitModule() {
        for (String name : DENSEKIT_MODULES) {
            assertThat(modules.find(name)).as(name).isPresent();
            assertThat(modules.find(name).get().descriptor().isAutomatic()).as(name + " is automatic").isFalse();
        }
    }

    @Test
    void apiExportsExactlyTheUserApiAndTheSpi() {
        ModuleDescriptor api = descriptor("io.densekit.api");
        Set<String> unqualified = api.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        Set<String> documented = new java.util.HashSet<>(API_PACKAGES);
        documented.addAll(SPI_PACKAGES);
        assertThat(unqualified).containsExactlyInAnyOrderElementsOf(documented);
        assertThat(api.isOpen()).isFalse();
        assertThat(api.opens()).as("opened packages").isEmpty();
    }

    @Test
    void apiPackagesOutsideTheExportsAreInternalAndReachOnlyDensekit() {
        ModuleDescriptor api = descriptor("io.densekit.api");
        Set<String> unexported = api.packages().stream()
                .filter(p -> api.exports().stream().noneMatch(e -> e.source().equals(p) && !e.isQualified()))
                .collect(Collectors.toSet());
        assertThat(unexported).as("non-exported packages").allMatch(p -> p.startsWith("io.densekit.internal"));
        api.exports().stream().filter(ModuleDescriptor.Exports::isQualified).forEach(e ->
                assertThat(e.targets()).as(e.source() + " exported to").allMatch(t -> t.startsWith("io.densekit.")));
    }

    @Test
    void noExportedSignatureNamesAnUnexportedType() {
        ExportedSignatures signatures = new ExportedSignatures(
                DENSEKIT_MODULES.stream().map(ModuleSealTest::descriptor).toList(), ModuleSealTest.class.getClassLoader());
        for (String name : DENSEKIT_MODULES) {
            assertThat(signatures.leaksOf(modules.find(name).orElseThrow())).as(name).isEmpty();
        }
    }

    @Test
    void theBlasAndCudaKernelsAreReachedOnlyAsServices() {
        for (String name : List.of("io.densekit.kernels.blas", "io.densekit.kernels.cuda")) {
            assertThat(descriptor(name).exports()).as(name + " exports").isEmpty();
            assertThat(descriptor(name).provides()).as(name + " provides")
                    .anyMatch(p -> p.service().equals("io.densekit.kernel.KernelProvider"));
        }
    }

    @Test
    void onlyTheSimdKernelRequiresTheVectorApi() {
        for (String name : DENSEKIT_MODULES) {
            boolean requiresVector = descriptor(name).requires().stream()
                    .anyMatch(r -> r.name().equals("jdk.incubator.vector"));
            assertThat(requiresVector).as(name + " requires jdk.incubator.vector")
                    .isEqualTo(name.equals("io.densekit.kernels.simd"));
        }
    }

    @Test
    void theGraphResolvesFromTheCliAndBindsEveryKernel() {
        Configuration cf = resolveCli();
        Set<String> resolved = cf.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
        assertThat(resolved).containsAll(DENSEKIT_MODULES);
    }

    @Test
    void serviceLoaderInALayerFindsTheKernels() throws Exception {
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(resolveCli(), ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("io.densekit.api");
        Class<?> spi = loader.loadClass("io.densekit.kernel.KernelProvider");
        assertThat(spi.getModule().getName()).isEqualTo("io.densekit.api");

        Set<String> providers = ServiceLoader.load(layer, spi).stream().map(p -> p.type().getName()).collect(Collectors.toSet());
        assertThat(providers).contains("io.densekit.kernel.reference.ReferenceKernelProvider",
                "io.densekit.kernel.simd.SimdKernelProvider", "io.densekit.kernel.blas.BlasKernelProvider",
                "io.densekit.kernel.cuda.CudaKernelProvider");

        // nn-api's own discovery, from inside the layer (ServiceLoader refuses a module without `uses`)
        Class<?> kernels = loader.loadClass("io.densekit.kernel.Kernels");
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) kernels.getMethod("names").invoke(null);
        assertThat(names).contains("reference", "simd", "blas", "cuda");
        Object reference = kernels.getMethod("byName", String.class).invoke(null, "reference");
        assertThat(reference.getClass().getModule().getName()).isEqualTo("io.densekit.api");
        Object simd = kernels.getMethod("byName", String.class).invoke(null, "simd");
        assertThat(simd.getClass().getModule().getName()).isEqualTo("io.densekit.kernels.simd");
    }

    /** The CLI's module and every service provider, against the test JVM's system modules. */
    private static Configuration resolveCli() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the simd kernel's module needs jdk.incubator.vector in the boot layer (--add-modules)");
        return ModuleLayer.boot().configuration().resolveAndBind(modules, ModuleFinder.of(), Set.of("io.densekit.bench"));
    }

    private static ModuleDescriptor descriptor(String name) {
        return modules.find(name).orElseThrow(() -> new AssertionError(name + " not found")).descriptor();
    }
}
