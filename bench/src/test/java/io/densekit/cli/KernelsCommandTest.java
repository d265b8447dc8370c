package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.densekit.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelsCommandTest {

    @Test
    void listsEveryKernelWithNameFirstThenStatusDtypesAndDevice() {
        Cli.Result r = Cli.run("kernels");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).matches("KERNEL\\s+STATUS\\s+DTYPES\\s+DEVICE\\s+NOTES");
        assertThat(lines).anyMatch(l -> l.matches("reference\\s+available\\s+f32,f64\\s+cpu\\b.*"));
        assertThat(lines).anyMatch(l -> l.matches(UnavailableTestKernel.NAME + "\\s+unavailable\\s+f32\\s+nowhere\\s+"
                + UnavailableTestKernel.REASON));
        assertThat(lines).hasSize(Kernels.list().size() + 2);
        assertThat(lines.getLast()).isEqualTo("default: " + Kernels.best().name());
    }

    @Test
    void jsonListsTheSameKernelsForScripts() throws Exception {
        Cli.Result r = Cli.run("kernels", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("default_kernel").asText()).isEqualTo(Kernels.best().name());
        List<String> names = new ArrayList<>();
        for (JsonNode k : root.get("kernels")) {
            names.add(k.get("name").asText());
            if (k.get("name").asText().equals("reference")) {
                assertThat(k.get("available").asBoolean()).isTrue();
                assertThat(k.get("dtypes").toString()).isEqualTo("[\"f32\",\"f64\"]");
                assertThat(k.get("device").asText()).isEqualTo("cpu");
            }
            if (k.get("name").asText().equals(UnavailableTestKernel.NAME)) {
                assertThat(k.get("available").asBoolean()).isFalse();
                assertThat(k.get("reason").asText()).isEqualTo(UnavailableTestKernel.REASON);
            }
        }
        assertThat(names).containsExactlyElementsOf(Kernels.names());
    }
}
