package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built-in plan's register block follows the register file: from 256 with AVX-512's 32 vector
 * registers, never with AVX2's 16 (where it spills), and never, without a crash, where the Vector
 * API is absent. Each case runs in a JVM of its own, since the JIT's instruction set is fixed at start.
 */
class GemmPlanDefaultsTest {

    /** Prints the built-in plan's blockFrom. */
    public static void main(String[] args) {
        System.out.println("blockFrom=" + GemmPlan.defaults().blockFrom());
    }

    @Test
    void avx2KeepsEveryProductInRowGroups() throws Exception {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "UseAVX is an x86 flag");
        assertThat(blockFrom("--add-modules", "jdk.incubator.vector", "-XX:UseAVX=2"))
                .isEqualTo(GemmPlan.ROW_GROUPS_ONLY);
    }

    @Test
    void avx512StartsTheRegisterBlockAt256() throws Exception {
        assumeTrue(Widths.has512BitVectors(), "this machine has no 512-bit vectors");
        assertThat(blockFrom("--add-modules", "jdk.incubator.vector")).isEqualTo(GemmPlan.BLOCK_FROM);
    }

    @Test
    void withoutTheVectorApiTheDefaultsStillAnswer() throws Exception {
        assertThat(blockFrom()).isEqualTo(GemmPlan.ROW_GROUPS_ONLY);
    }

    private static int blockFrom(String... jvmFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), GemmPlanDefaultsTest.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("blockFrom=")).findFirst().orElseThrow(
                () -> new AssertionError("no blockFrom line in: " + out));
        return Integer.parseInt(line.substring("blockFrom=".length()));
    }
}
