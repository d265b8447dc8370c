package io.densekit.modules;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.nn.Sequential;
import io.densekit.train.Trainer;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ExportedSignatures on made-up module descriptors: it finds a leak where there is one. */
class ExportedSignaturesTest {
    private static ModuleDescriptor api(String... exported) {
        ModuleDescriptor.Builder b = ModuleDescriptor.newModule("io.densekit.api")
                .packages(java.util.Set.of("io.densekit.nn", "io.densekit.tensor", "io.densekit.train", "io.densekit.internal"));
        for (String p : exported) {
            b.exports(p);
        }
        return b.build();
    }

    @Test
    void aPublicMethodNamingAnUnexportedPackagesTypeIsALeak() {
        ModuleDescriptor d = api("io.densekit.nn", "io.densekit.train"); // not io.densekit.tensor
        List<String> leaks = new ExportedSignatures(List.of(d), getClass().getClassLoader()).leaksOf(d, List.of(Sequential.class));
        assertThat(leaks).contains("io.densekit.nn.Sequential.forward -> io.densekit.tensor.Tensor");
    }

    @Test
    void aQualifiedExportDoesNotMakeATypeApi() {
        ModuleDescriptor d = ModuleDescriptor.newModule("io.densekit.api")
                .packages(java.util.Set.of("io.densekit.nn", "io.densekit.tensor"))
                .exports("io.densekit.nn").exports(java.util.Set.of(), "io.densekit.tensor", java.util.Set.of("io.densekit.bench"))
                .build();
        List<String> leaks = new ExportedSignatures(List.of(d), getClass().getClassLoader()).leaksOf(d, List.of(Sequential.class));
        assertThat(leaks).contains("io.densekit.nn.Sequential.forward -> io.densekit.tensor.Tensor");
    }

    @Test
    void typesOfExportedPackagesAndOfTheJdkAreNoLeak() {
        ModuleDescriptor d = api("io.densekit.nn", "io.densekit.tensor", "io.densekit.train");
        ExportedSignatures signatures = new ExportedSignatures(List.of(d), getClass().getClassLoader());
        assertThat(signatures.leaksOf(d, List.of(Sequential.class, Trainer.class))).isEmpty();
    }

    @Test
    void classesOfUnexportedPackagesAreNotChecked() {
        ModuleDescriptor d = api("io.densekit.train");
        assertThat(new ExportedSignatures(List.of(d), getClass().getClassLoader()).leaksOf(d, List.of(Sequential.class))).isEmpty();
    }
}
